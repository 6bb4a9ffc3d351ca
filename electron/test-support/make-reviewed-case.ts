// Builds the bundle tests' reviewed case in a temp folder and prints {"root", "caseDir", "evidence"}: for the end-to-end spec, whose
// runner cannot load the services (their JSON data files) in its own process. Usage: node --import tsx <this>
import { closeAllCases } from '../services/case-store';
import { reviewedCase } from './bundle-kit';
import { workspace } from './ingest-kit';

const ws = workspace();
const reviewed = await reviewedCase(ws);
closeAllCases();
process.stdout.write(`${JSON.stringify({ root: ws.root, caseDir: reviewed.caseDir, evidence: reviewed.evidence })}\n`);
