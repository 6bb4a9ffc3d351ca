import { describe, expect, it } from 'vitest';
import { foldText, foldWithOffsets } from './fold';

describe('foldText', () => {
  it('folds traditional and simplified Chinese to one form', () => {
    expect(foldText('原畫')).toBe(foldText('原画'));
    expect(foldText('無敵少俠')).toBe('无敌少侠');
    expect(foldText('動畫檢查')).toBe(foldText('动画检查'));
  });

  it('folds full width, half width, case and compatibility forms (NFKC)', () => {
    expect(foldText('ＩＮＶＩＮＣＩＢＬＥ　ＥＰ３')).toBe('invincible ep3');
    expect(foldText('ｶｯﾄ')).toBe('カット');
    expect(foldText('ｶﾞ')).toBe('ガ');
    expect(foldText('Cafe\u0301')).toBe(foldText('Café'));
    expect(foldText('①')).toBe('1');
  });

  it('folds Japanese-only kanji to the simplified form of their traditional counterpart', () => {
    expect(foldText('図')).toBe(foldText('圖'));
  });

  it('keeps Hangul, digits, punctuation and astral ideographs', () => {
    expect(foldText('인빈서블 3화!')).toBe('인빈서블 3화!');
    expect(foldText('𠮷野家')).toBe('𠮷野家');
  });

  it('returns the same string object when nothing changes, and handles empty text', () => {
    expect(foldText('')).toBe('');
    expect(foldText('plain ascii 123')).toBe('plain ascii 123');
  });
});

describe('foldWithOffsets', () => {
  it('maps every folded code unit back to the original range', () => {
    const original = 'ＩＮ-Ｖincible_ep3';
    const f = foldWithOffsets(original, true);
    expect(f.text).toBe('invincibleep3');
    const at = f.text.indexOf('ep3');
    expect(original.slice(f.origStart[at], f.origEnd[at + 2])).toBe('ep3');
    expect(original.slice(f.origStart[0], f.origEnd[f.text.length - 1])).toBe(original);
  });

  it('keeps separators unless asked to drop them', () => {
    expect(foldWithOffsets('Mark Grayson', false).text).toBe('mark grayson');
    expect(foldWithOffsets('Mark Grayson', true).text).toBe('markgrayson');
  });

  it('composes combining sequences as one unit', () => {
    const f = foldWithOffsets('ｶﾞｶﾞ', true);
    expect(f.text).toBe('ガガ');
    expect([f.origStart[1], f.origEnd[1]]).toEqual([2, 4]);
  });

  it('maps both halves of an expansion to the one original character', () => {
    const f = foldWithOffsets('㍿', false);
    expect(f.text).toBe('株式会社');
    expect([...f.origStart.subarray(0, 4)]).toEqual([0, 0, 0, 0]);
    expect([...f.origEnd.subarray(0, 4)]).toEqual([1, 1, 1, 1]);
  });

  it('agrees with foldText on the folded characters', () => {
    const text = '原畫 修正 第３卡 Ｃ０１２ 입모양 수정';
    expect(foldWithOffsets(text, false).text).toBe(foldText(text));
  });

  it('folds a megabyte, offsets and all', () => {
    const big = '原畫修正 第3卡 Invincible ep3 口型 수정 바람. '.repeat(30_000);
    expect(foldWithOffsets(big, true).text.length).toBeGreaterThan(0);
    expect(foldText(big).length).toBe(big.length);
  });
});
