#!/usr/bin/env node
// Part of `npm run lint`: Electron's security checks (electronegativity) over the Node side of the app. Fails on any
// HIGH or CRITICAL finding; the accepted MEDIUM and LOW ones are listed with their reasons in docs/threat-model.md.
// It runs offline: the tool's fetch of Electron's release list fails and is skipped, and the Electron version is
// given from the installed typings instead of being guessed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const cli = require.resolve('@doyensec/electronegativity/dist/index.js');
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const FAILING = new Set(['CRITICAL', 'HIGH']);

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[++i];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field.trim());
      field = '';
    } else if (c === '\n') {
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) rows.push([...row, field.trim()]);
  return rows;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
try {
  const csv = path.join(dir, 'findings.csv');
  const args = [cli, '-i', path.join(root, 'electron'), '-r', '-v', 'false', '-e', electronVersion, '-o', csv];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (run.status !== 0) {
    process.stderr.write(`${run.stdout}${run.stderr}electronegativity failed to run (exit ${run.status})\n`);
    process.exit(1);
  }
  const [, ...findings] = parseCsv(readFileSync(csv, 'utf8')).filter((r) => r.length > 1);
  const counts = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 };
  for (const [check, severity, confidence, file, location] of findings) {
    counts[severity] = (counts[severity] ?? 0) + 1;
    const line = `  ${severity} ${check} electron/${file}:${location} (${confidence})\n`;
    if (FAILING.has(severity)) process.stderr.write(line);
    else process.stdout.write(line);
  }
  const summary = Object.entries(counts)
    .map(([k, v]) => `${v} ${k.toLowerCase()}`)
    .join(', ');
  process.stdout.write(`electronegativity ${electronVersion}: ${findings.length} finding(s): ${summary}\n`);
  if (counts.CRITICAL + counts.HIGH > 0) process.exit(1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
