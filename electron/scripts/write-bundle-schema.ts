// Regenerates shared/schemas/bundle-manifest.schema.json from the zod schema (npm run schema); a test fails when it is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { manifestJsonSchema } from '../../shared/domain/bundle';

const file = fileURLToPath(new URL('../../shared/schemas/bundle-manifest.schema.json', import.meta.url));
writeFileSync(file, `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${file}\n`);
