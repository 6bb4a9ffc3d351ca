import { describe, expect, it } from 'vitest';
import { glibcEncode, glibcHas } from '../../test-support/glibc';
import { decodeBytes } from './decode';
import { detectEncoding } from './detect';

describe.skipIf(!glibcHas('EUC-TW'))('EUC-TW', () => {
  it('decodes CNS 11643 planes 1–2 like glibc', () => {
    const text = '維基大典（Wikipedia）者，網路為礎；集天下知、四海言、眾人志，書百科焉。羅薦嚨銬耄彞';
    const bytes = glibcEncode(text, 'EUC-TW');
    expect(decodeBytes(bytes, 'euc-tw')).toBe(text);
    expect(detectEncoding(bytes).name).toBe('euc-tw');
    expect(decodeBytes(glibcEncode('乂乜丐亍刉攷笻筇鬮爩', 'EUC-TW'), 'euc-tw')).toBe('乂乜丐亍刉攷笻筇鬮爩');
  });
});
