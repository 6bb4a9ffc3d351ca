#!/usr/bin/env node
// The `workbench` bin: a thin launcher for the bundled CLI, so `npx workbench` works after `npm run build`.
import { existsSync } from 'node:fs';

const entry = new URL('../../out/main/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('workbench: the CLI is not built yet; run `npm run build` in the project folder first\n');
  process.exit(1);
}
await import(entry.href);
