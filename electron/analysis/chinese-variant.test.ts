import { describe, expect, it } from 'vitest';
import { detectChineseVariant } from './chinese-variant';

describe('detectChineseVariant', () => {
  it('calls simplified text simplified, with counts and examples', () => {
    const r = detectChineseVariant('第12卡原画需要修改，口型不对');
    expect(r.variant).toBe('hans');
    expect(r.simplified).toBe(2);
    expect(r.traditional).toBe(0);
    expect(r.examples.map((e) => e.char)).toEqual(expect.arrayContaining(['画', '对']));
    const hua = r.examples.find((e) => e.char === '画');
    expect(hua).toMatchObject({ counterpart: '畫', form: 'simplified', start: 5, count: 1 });
  });

  it('calls traditional text traditional', () => {
    const r = detectChineseVariant('第12卡原畫需要修改，口型不對');
    expect(r.variant).toBe('hant');
    expect(r.traditional).toBeGreaterThanOrEqual(2);
    expect(r.reason).toContain('畫');
  });

  it('does not count characters that both standards write alike, or that both use in some words', () => {
    // 后 (queen), 干 (干涉), 里 (公里), 台 (台灣), 只, 系 and 面 are standard in traditional Chinese too.
    const r = detectChineseVariant('后干里台只系面背景修正');
    expect(r.variant).toBe('none');
    expect(r.confidence).toBe(0);
  });

  it('keeps its verdict against a stray character of the other standard', () => {
    expect(detectChineseVariant('這一卡的動作要更大，請參考設定，头').variant).toBe('hant');
  });

  it('calls an even mix mixed', () => {
    expect(detectChineseVariant('画畫镜鏡').variant).toBe('mixed');
  });

  it('counts Japanese-only kanji apart, not as Chinese of either standard', () => {
    const r = detectChineseVariant('図面を駅で');
    expect(r.japanese).toBe(2);
    expect(r.variant).toBe('none');
  });

  it('reads supplementary-plane characters without splitting them', () => {
    expect(() => detectChineseVariant('𠮷野家的画')).not.toThrow();
    expect(detectChineseVariant('𠮷野家的画').simplified).toBe(1);
  });
});
