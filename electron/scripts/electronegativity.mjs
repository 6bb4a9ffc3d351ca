#!/usr/bin/env node
// Part of `npm run lint`: Electron's security checks (electronegativity) over the Node side of the app. Fails on any
// HIGH or CRITICAL finding; the accepted MEDIUM and LOW ones are listed with their reasons in docs/threat-model.md.
// It runs offline: the tool's fetch of Electron's release list fails and is skipped, and the Electron version is
// given from the installed typings instead of being guessed. The tool's runner is called directly, because its CSV
// writer writes the header and the rows with two concurrent writes and can interleave them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity/dist/runner.js');
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const FAILING = new Set(['CRITICAL', 'HIGH']);

const input = path.join(root, 'electron');
const { issues } = await run({
  input,
  output: undefined,
  isSarif: false,
  customScan: [],
  excludeFromScan: [],
  severitySet: undefined,
  confidenceSet: undefined,
  isRelative: true,
  isVerbose: false,
  electronUpgrade: undefined,
  electronVersionOverride: electronVersion,
  parserPlugins: [],
});

const counts = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 };
for (const issue of issues) {
  const severity = issue.severity.name;
  counts[severity] = (counts[severity] ?? 0) + 1;
  const line = `  ${severity} ${issue.id} electron/${issue.file}:${issue.location.line}:${issue.location.column} (${issue.confidence.name})\n`;
  (FAILING.has(severity) ? process.stderr : process.stdout).write(line);
}
const summary = Object.entries(counts)
  .map(([k, v]) => `${v} ${k.toLowerCase()}`)
  .join(', ');
process.stdout.write(`electronegativity ${electronVersion}: ${issues.length} finding(s): ${summary}\n`);
if (counts.CRITICAL + counts.HIGH > 0) process.exitCode = 1;
