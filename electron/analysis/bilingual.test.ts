import { describe, expect, it } from 'vitest';
import { alignBilingual, blockingKeys, chineseNumeral, fingerprint, numbersOf, PAIR_THRESHOLD, scoreTranslation } from './bilingual';
import { profileLanguage } from './language';

const align = (text: string) => alignBilingual(text, 'text', profileLanguage(text));

describe('numbers', () => {
  it('reads digits, full-width digits and numerals next to a counter', () => {
    expect(numbersOf('C012 第三卡 加两张 ３帧')).toEqual(['12', '2', '3']);
    expect(numbersOf('12번 컷에 동화 두 장 추가')).toEqual(['12', '2']);
    expect(numbersOf('一下 一起 한국 세계')).toEqual([]);
    expect(chineseNumeral('二十三')).toBe(23);
    expect(chineseNumeral('十二')).toBe(12);
    expect(chineseNumeral('一百零五')).toBe(105);
  });
});

describe('scoreTranslation', () => {
  it('scores a note and its translation high, with the reasons', () => {
    const s = scoreTranslation('第12卡原画的手要重画，口型对不上。', '12번 컷 원화의 손을 다시 그리고, 입모양이 안 맞습니다.');
    expect(s.score).toBeGreaterThan(0.7);
    expect(s.sharedNumbers).toEqual(['12']);
    expect(s.sharedTerms).toEqual(expect.arrayContaining(['cut', 'key-animation', 'lip-sync']));
    expect(s.reason).toContain('12');
  });

  it('scores unrelated notes low', () => {
    const s = scoreTranslation('第12卡原画的手要重画。', '배경 색을 조금 더 밝게 해 주세요. 45번 컷입니다.');
    expect(s.score).toBeLessThan(PAIR_THRESHOLD);
  });

  it('gives blocking keys from numbers and terms', () => {
    expect(blockingKeys(fingerprint('第12卡原画修改'))).toEqual(['n:12', 't:correction', 't:cut', 't:key-animation']);
  });
});

describe('alignBilingual', () => {
  it('pairs alternating Chinese and Korean lines', () => {
    const text = '第12卡原画修改，手太大了。\n12번 컷 원화 수정, 손이 너무 큽니다.\n背景颜色调亮一点。\n배경 색을 조금 밝게.\nThanks';
    const r = align(text);
    expect(r.isMixed).toBe(true);
    expect(r.zhBlocks).toBe(2);
    expect(r.koBlocks).toBe(2);
    expect(r.pairs.map((p) => [p.zh.text, p.ko.text])).toEqual([
      ['第12卡原画修改，手太大了。', '12번 컷 원화 수정, 손이 너무 큽니다.'],
      ['背景颜色调亮一点。', '배경 색을 조금 밝게.'],
    ]);
    expect(r.pairs[0]?.zh).toMatchObject({ field: 'text', start: 0 });
  });

  it('pairs a block of Chinese lines with a block of as many Korean lines, line by line', () => {
    const text = '第3卡加两张中割。\n第5卡口型重画。\n\n3번 컷 동화 두 장 추가.\n5번 컷 입모양 다시 그리기.';
    expect(align(text).pairs.map((p) => p.score.sharedNumbers)).toEqual([['2', '3'], ['5']]);
  });

  it('does not flag or pair a text in one language', () => {
    const r = align('第3卡加两张中割。\n第5卡口型重画。');
    expect(r).toMatchObject({ isMixed: false, pairs: [] });
  });

  it('flags one line holding both scripts', () => {
    expect(align('原画修正 원화 수정').isMixed).toBe(true);
  });
});
