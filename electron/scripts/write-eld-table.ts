// Regenerates electron/analysis/data/eld-small-ngrams.json from the installed eld (npm run eld-table); a test fails when it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type EldNgramsData, storeEldTable } from '../analysis/eld-table';

const entry = import.meta.resolve('eld');
const { version } = JSON.parse(readFileSync(new URL('../../package.json', entry), 'utf8')) as { version: string };
const { ngramsData } = (await import(new URL('../ngrams/small.js', entry).href)) as { ngramsData: EldNgramsData };
const file = fileURLToPath(new URL('../analysis/data/eld-small-ngrams.json', import.meta.url));
writeFileSync(file, `${JSON.stringify(storeEldTable(version, ngramsData))}\n`);
process.stdout.write(`wrote ${file}\n`);
