// Regenerates electron/analysis/data/eld-small-ngrams.json from the installed eld (npm run eld-table); a test fails when it is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { installedEldSmall, storeEldTable } from '../analysis/eld-table';

const { version, data } = await installedEldSmall();
const file = fileURLToPath(new URL('../analysis/data/eld-small-ngrams.json', import.meta.url));
writeFileSync(file, `${JSON.stringify(storeEldTable(version, data))}\n`);
process.stdout.write(`wrote ${file}\n`);
