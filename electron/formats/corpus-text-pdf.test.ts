import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferSource } from './byte-source';
import { extractPdf } from './pdf';
import { textExtractor } from './text';
import { encodingFamily, manifest } from '../test-support/corpus-labels';
import { corpusDir } from '../test-support/paths';

/**
 * The team's corpus check (../shared/tools/corpus-check.py) for the text and PDF extractors, run in-process: the
 * labelled encodings of corpus/text-encodings and the character bags of corpus/pdf against pdftotext.
 */
const corpus = corpusDir;
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

/** Python's `\s` (str.isspace), as corpus-check.py strips it. */
const PY_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/gu;

function bagSimilarity(a: string, b: string): number {
  const bag = (s: string): Map<string, number> => {
    const m = new Map<string, number>();
    for (const ch of s.replace(PY_SPACE, '')) m.set(ch, (m.get(ch) ?? 0) + 1);
    return m;
  };
  const total = (m: Map<string, number>): number => [...m.values()].reduce((x, y) => x + y, 0);
  const A = bag(a);
  const B = bag(b);
  let common = 0;
  for (const [ch, n] of A) common += Math.min(n, B.get(ch) ?? 0);
  return common / Math.max(total(A), total(B), 1);
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const PDF_TIMEOUT_MS = 60_000;

describe.skipIf(!existsSync(path.join(corpus, 'MANIFEST.tsv')) || !hasPdftotext)('corpus: text encodings and PDF text', () => {
  it('detects the labelled encoding family of ≥ 95% of corpus/text-encodings', async () => {
    let right = 0;
    const misses: string[] = [];
    const rows = manifest('text-encodings').filter((r) => r[5]);
    for (const r of rows) {
      const [label = '', name = ''] = [r[5], r[7]];
      const bytes = new Uint8Array(readFileSync(path.join(corpus, 'text-encodings', name)));
      const out = await textExtractor.extract({ name, path: name, size: bytes.byteLength, source: bufferSource(bytes) });
      const [t, g] = [encodingFamily(label), encodingFamily(out.encoding?.name ?? '')];
      if (t === g || (t === 'ascii' && g === 'utf8') || (t.startsWith('u16') && g.startsWith('u16') && label.includes('inconsistent')))
        right++;
      else misses.push(`${name}: labelled ${label}, detected ${out.encoding?.name} (${out.encoding?.method})`);
    }
    console.log(`encodings right ${pct(right / rows.length)} (${right}/${rows.length})${misses.map((m) => `\n  miss ${m}`).join('')}`);
    expect(right / rows.length).toBeGreaterThanOrEqual(0.95);
  });

  it(
    'reads ≥ 95% of corpus/pdf within 95% of pdftotext (bag of characters)',
    async () => {
      const sims: number[] = [];
      const misses: string[] = [];
      for (const r of manifest('pdf')) {
        const file = path.join(corpus, 'pdf', r[7] ?? '');
        const pt = spawnSync('pdftotext', ['-q', file, '-'], { encoding: 'utf8', timeout: PDF_TIMEOUT_MS });
        if (pt.status !== 0 || (pt.stdout ?? '').replace(PY_SPACE, '').length < 20) continue;
        let text = '';
        try {
          const out = await Promise.race([
            extractPdf(new Uint8Array(readFileSync(file))),
            new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), PDF_TIMEOUT_MS)),
          ]);
          text = out.text ?? '';
        } catch (e) {
          misses.push(`${r[7]}: ${e instanceof Error ? e.message : String(e)}`);
        }
        const sim = bagSimilarity(pt.stdout, text);
        if (sim < 0.95) misses.push(`${r[7]}: similarity ${sim.toFixed(3)}`);
        sims.push(sim);
      }
      const share = sims.filter((s) => s >= 0.95).length / sims.length;
      console.log(`PDFs within 95% of pdftotext ${pct(share)} (${sims.length})${misses.map((m) => `\n  miss ${m}`).join('')}`);
      expect(share).toBeGreaterThanOrEqual(0.95);
    },
    20 * 60_000,
  );
});
