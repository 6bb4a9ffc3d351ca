import { describe, expect, it } from 'vitest';
import rulesFile from './data/korean-variety.json';
import { compileKoreanRules, detectKoreanVariety, KoreanRuleFile } from './korean-variety';

const rules = KoreanRuleFile.parse(rulesFile).rules;
const verdict = (text: string): string => detectKoreanVariety(text, 'text').verdict;
const ruleIds = (text: string): string[] => detectKoreanVariety(text, 'text').matches.map((m) => m.ruleId);

describe('Korean variety rule file', () => {
  it('is versioned and documents every rule', () => {
    expect(rulesFile.version).toMatch(/^\d+\.\d+\.\d+$/);
    for (const rule of rules) expect(rule.notes.length, rule.id).toBeGreaterThan(10);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it('rejects a duplicate rule id', () => {
    const first = rules[0];
    expect(() => compileKoreanRules({ version: 'x', notes: '', rules: [first, first] })).toThrow(/duplicate/);
  });
});

describe('detectKoreanVariety', () => {
  // Every rule fires on its own North form, at a word start, followed by an ordinary ending.
  it.each(rules.flatMap((rule) => rule.north.map((form) => [rule.id, form] as const)))('rule %s fires on %s', (id, form) => {
    const r = detectKoreanVariety(`오늘 ${form}을 확인`, 'note');
    const match = r.matches.find((m) => m.ruleId === id);
    expect(match).toMatchObject({ field: 'note', start: 3, end: 3 + form.length, variety: 'north' });
  });

  // And its South form counts for the South where the rule says it should.
  it.each(rules.filter((r) => r.countSouth).map((rule) => [rule.id, rule.south[0] ?? ''] as const))(
    'rule %s counts South %s',
    (id, form) => {
      const r = detectKoreanVariety(`오늘 ${form}을 확인`, 'note');
      expect(r.matches.find((m) => m.ruleId === id)?.variety).toBe('south');
    },
  );

  it('flags a Northern note and explains why', () => {
    const r = detectKoreanVariety('봉사기에 올린 화일을 래일까지 수정하시오. 련락 바랍니다.', 'text');
    expect(r.verdict).toBe('north');
    expect(r.score).toBeGreaterThan(0.7);
    expect(r.matches.map((m) => m.text)).toEqual(['봉사기에', '화일을', '래일까지', '련락']);
    expect(r.matches[0]).toMatchObject({ start: 0, end: 3, north: '봉사기', south: '서버', category: 'vocabulary' });
    expect(r.reason).toContain('봉사기');
    expect(r.totalMatches).toBe(4);
  });

  it('counts every match but lists the first 50', () => {
    const r = detectKoreanVariety('로동 '.repeat(80), 'text');
    expect(r.totalMatches).toBe(80);
    expect(r.matches).toHaveLength(50);
  });

  it('calls a Southern note South', () => {
    expect(verdict('서버에 올린 파일을 내일까지 수정해 주세요. 연락 바랍니다.')).toBe('south');
  });

  it('ignores proper names with the surnames 리, 류, 로 and 이', () => {
    expect(ruleIds('류현진 선수와 리설주, 이순신 장군, 로버트 김')).toEqual([]);
    expect(ruleIds('리용호 외무상')).toEqual([]);
    expect(verdict('류현진 선수와 리설주')).not.toBe('north');
  });

  it('ignores the particle 로 before a word starting with 동', () => {
    expect(ruleIds('컴퓨터로동영상 편집')).not.toContain('initial-rodong');
    expect(ruleIds('수정본으로 동화를 그려 주세요')).toEqual([]);
  });

  it('ignores loanwords that begin with ㄹ or ㄴ in the South too', () => {
    expect(ruleIds('리본 라디오 로봇 뉴스 로마 레이아웃 리테이크 라인')).toEqual([]);
  });

  it('matches initial-sound rules only at a word start', () => {
    expect(ruleIds('경력사항 미래일정 대화일지')).toEqual([]);
    expect(ruleIds('어깨동무 길동무')).toEqual([]);
    expect(ruleIds('봉사기관 봉사기간 수자원')).toEqual([]);
  });

  it("keeps the Party daily's name out of the evidence", () => {
    expect(ruleIds('로동신문 기사')).toEqual([]);
  });

  it('needs weight 1 and twice the South weight to call a text North', () => {
    expect(verdict('화일 확인')).toBe('undetermined');
    expect(verdict('화일과 동무')).toBe('north');
    expect(verdict('로동 노동')).toBe('undetermined');
    expect(verdict('로동 노동 역사')).toBe('south');
  });

  it('says none without Hangul', () => {
    expect(detectKoreanVariety('原画修正', 'text')).toMatchObject({ verdict: 'none', hangulWords: 0 });
  });
});
