// Totals the JSON reports that `npm test` leaves in test-results/ (Vitest projects and Playwright) into the one
// plain line the CI reads. Exits 1 when a report is missing for a stage that should have run, or anything failed.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? 'test-results';
let passed = 0;
let failed = 0;
let skipped = 0;
const seen = [];

const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
for (const file of files) {
  const report = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  if (Array.isArray(report.testResults)) {
    // Vitest's JSON reporter (Jest-compatible shape).
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    // A suite that fails to load has no failed tests of its own; count it so it cannot pass silently.
    if ((report.numFailedTests ?? 0) === 0) failed += report.numFailedTestSuites ?? 0;
    seen.push(file);
  } else if (report.stats && 'expected' in report.stats) {
    // Playwright's JSON reporter.
    passed += report.stats.expected + (report.stats.flaky ?? 0);
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
    seen.push(file);
  }
}
const expected = ['vitest-node.json', 'vitest-renderer.json', 'playwright.json'];
const missing = expected.filter((f) => !seen.includes(f));
if (missing.length) {
  console.log(`missing test reports: ${missing.join(', ')} (a stage before them failed or did not run)`);
  failed += missing.length;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
