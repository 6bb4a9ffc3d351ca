/**
 * Encoding detection accuracy: `node --import tsx electron/bench/encoding-accuracy.ts [--misses]`. Run it, move a
 * threshold in electron/formats/encoding, run it again; test-support/encoding-accuracy.ts says what is measured.
 */
import { measureEncodingAccuracy } from '../test-support/encoding-accuracy';
import { corpusDir } from '../test-support/paths';

const scores = measureEncodingAccuracy();
if (scores.length === 0) throw new Error(`no corpus at ${corpusDir}`);
for (const { set, right, total, misses } of scores) {
  process.stdout.write(`${set}: ${right}/${total} right (${((100 * right) / total).toFixed(1)}%)\n`);
  if (process.argv.includes('--misses')) for (const m of misses) process.stdout.write(`  miss ${m}\n`);
}
