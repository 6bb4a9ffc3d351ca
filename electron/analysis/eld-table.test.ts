import { eld } from 'eld/small';
import { describe, expect, it } from 'vitest';
import stored from './data/eld-small-ngrams.json';
import { loadEld } from './eld-detector';
import { type EldNgramsData, encodeEldNgrams, installedEldSmall, openEldTable, storeEldTable } from './eld-table';
import evalFile from './test-data/eval-notes.json';

const { version: installedVersion, data: ngramsData } = await installedEldSmall();

describe('eld n-gram table', () => {
  it('is the installed eld small database (else run `npm run eld-table`)', () => {
    expect(stored.eld).toBe(installedVersion);
    expect(storeEldTable(installedVersion, ngramsData)).toEqual(stored);
  });

  it('answers every n-gram as the object literal does, and nothing for others', () => {
    const { ngrams } = openEldTable(stored);
    const keys = Object.keys(ngramsData.ngrams);
    expect(keys.length).toBeGreaterThan(80_000);
    const differing = keys.filter((k) => JSON.stringify(ngrams[k]) !== JSON.stringify(ngramsData.ngrams[k]));
    expect(differing).toEqual([]);
    for (const absent of [' zzzz', 'qqqqqq', '', 'toolong7']) expect(ngrams[absent], absent).toBeUndefined();
    expect(Object.keys(ngramsData.ngrams).filter((k) => !(k in ngrams))).toEqual([]);
  });

  it('refuses data its layout cannot hold', () => {
    const wide: EldNgramsData = { type: 'x', languages: { 0: 'en' }, ngrams: { ' 原': { 0: 60 } } };
    expect(() => encodeEldNgrams(wide)).toThrow(/above U\+00FF/);
    const big: EldNgramsData = { type: 'x', languages: { 0: 'en' }, ngrams: { ' ab ': { 0: 300 } } };
    expect(() => encodeEldNgrams(big)).toThrow(/does not fit a byte/);
  });

  it("gives eld small's language, scores and reliability on every labelled note and on Latin-script prose", async () => {
    const compact = await loadEld();
    const reference = eld.newInstance();
    const latin = [
      'The storyboard and layout notes for the key animation of episode 3, with corrections to the model sheet.',
      'Bitte die Zwischenphasen bis Freitag an das Studio schicken',
      'Les décors de la séquence 12 sont à refaire avant la livraison',
      'Invincible',
      'retake cut 045 lip sync off by two frames',
      'Contact: studio@example.com https://example.com/ep03 v2 C012',
    ];
    const texts = [...evalFile.items.map((item) => item.text), ...latin];
    expect(texts.length).toBeGreaterThan(200);
    for (const cleanup of [false, true]) {
      compact.enableTextCleanup(cleanup);
      reference.enableTextCleanup(cleanup);
      for (const text of texts) {
        const [a, b] = [compact.detect(text), reference.detect(text)];
        expect([a.language, a.getScores(), a.isReliable()], text).toEqual([b.language, b.getScores(), b.isReliable()]);
      }
    }
  });
});
