import { describe, expect, it } from 'vitest';
import { profileLanguage, profileText } from './language';

const label = (text: string, kind?: 'text' | 'name'): string => profileLanguage(text, { kind }).label;

describe('profileLanguage', () => {
  it('labels short CJK by script where detectors fail', () => {
    expect(label('원화')).toBe('ko');
    expect(label('原画')).toBe('zh-Hans');
    expect(label('原畫')).toBe('zh-Hant');
    expect(label('カット12')).toBe('ja');
    expect(label('口パク修正お願いします')).toBe('ja');
  });

  it('assumes simplified, at low confidence, when no character tells the variant', () => {
    const p = profileLanguage('背景');
    expect(p.label).toBe('zh-Hans');
    expect(p.confidence).toBeLessThan(0.5);
    expect(p.reason).toContain('simplified assumed');
  });

  it('calls Han text with Japanese-only forms Japanese', () => {
    expect(label('図面検査')).toBe('ja');
  });

  it('weighs Latin letters below CJK characters', () => {
    expect(label('第3卡 layout 修改')).toBe('zh-Hans');
    expect(label('컷 12 layout 수정')).toBe('ko');
  });

  it('labels English, and another Latin language only when the detector clearly prefers it', () => {
    expect(label('Please redraw the hands in cut 12')).toBe('en');
    expect(label('Invincible ep3 layout')).toBe('en');
    expect(label('la couleur du fond est trop sombre')).toBe('other');
    expect(label('Привет, мир')).toBe('other');
  });

  it('does not run the detector on names', () => {
    const p = profileLanguage('la_couleur_du_fond.psd', { kind: 'name' });
    expect(p.label).toBe('en');
    expect(p.reason).toContain('a name');
    expect(p.blocks).toEqual([]);
  });

  it('gives und to texts without letters', () => {
    expect(label('0012 - 0034')).toBe('und');
    expect(label('')).toBe('und');
  });

  it('reports script counts and shares', () => {
    const p = profileLanguage('原画 원화 key');
    expect(p.counts).toMatchObject({ han: 2, hangul: 2, latin: 3, kana: 0 });
    expect(p.shares.han).toBeCloseTo(2 / 7);
  });

  it('labels each line of a multi-line text', () => {
    const text = '第3卡原画修改\n3번 컷 원화 수정\nRedraw the hands, please';
    const p = profileLanguage(text);
    expect(p.blocks.map((b) => b.label)).toEqual(['zh-Hans', 'ko', 'en']);
    expect(text.slice(p.blocks[1]?.start, p.blocks[1]?.end)).toBe('3번 컷 원화 수정');
  });

  it('caps the blocks it lists', () => {
    const p = profileLanguage('原画\n'.repeat(50), { maxBlocks: 10 });
    expect(p.blocks).toHaveLength(10);
    expect(p.blocksTruncated).toBe(true);
  });

  it('samples a huge text but counts all of it', () => {
    const text = '原畫修正。\n'.repeat(100_000) + '원화 수정\n'.repeat(10);
    const { profile, chinese } = profileText(text);
    expect(profile.analysedChars).toBeLessThan(text.length);
    expect(profile.counts.hangul).toBe(40);
    expect(profile.label).toBe('zh-Hant');
    expect(chinese.variant).toBe('hant');
  });
});
