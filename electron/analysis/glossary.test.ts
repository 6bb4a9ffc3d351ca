import { describe, expect, it } from 'vitest';
import glossaryFile from './data/production-glossary.json';
import { compileGlossary, findTerms, GlossaryFile, guessStage } from './glossary';

const terms = GlossaryFile.parse(glossaryFile).terms;
const ids = (text: string): string[] => findTerms(text, 'text').hits.map((h) => h.termId);

describe('production glossary file', () => {
  it('is versioned, glossed, and every literal form finds its own term', () => {
    expect(glossaryFile.version).toMatch(/^\d+\.\d+\.\d+$/);
    for (const term of terms) {
      expect(term.gloss.length, term.id).toBeGreaterThan(5);
      for (const form of Object.values(term.forms).flat()) {
        const sample = form.replaceAll('#', '12');
        expect(ids(`${sample} `), `${term.id}: ${form}`).toContain(term.id);
      }
    }
  });

  it('covers the core stages in Chinese (both standards), Korean and English', () => {
    const find = (id: string) => terms.find((t) => t.id === id)?.forms;
    expect(find('key-animation')).toMatchObject({
      'zh-Hans': expect.arrayContaining(['原画']),
      'zh-Hant': expect.arrayContaining(['原畫']),
      ko: expect.arrayContaining(['원화']),
    });
    expect(find('in-between')?.['zh-Hans']).toContain('中割');
    expect(find('storyboard')?.ko).toContain('콘티');
    expect(find('timesheet')?.['zh-Hans']).toEqual(expect.arrayContaining(['摄影表', '律表']));
    expect(find('retake')?.['zh-Hans']).toEqual(expect.arrayContaining(['返工', '重画']));
  });

  it('rejects a form claimed by two terms', () => {
    const twice = { version: '1', notes: '', terms: [terms[0], { ...terms[1], forms: { en: ['key animation'] } }] };
    expect(() => compileGlossary(twice)).toThrow(/both/);
  });
});

describe('findTerms', () => {
  it('returns hits with position, gloss, stage and language', () => {
    const r = findTerms('第12卡原畫修型，口型對不上', 'pdf:page:1');
    expect(r.hits.map((h) => [h.termId, h.text, h.lang])).toEqual([
      ['cut', '第12卡', 'zh-Hans'],
      ['key-animation', '原畫', 'zh-Hant'],
      ['shape-correction', '修型', 'zh'],
      ['lip-sync', '口型', 'zh'],
    ]);
    expect(r.hits[1]).toMatchObject({ field: 'pdf:page:1', start: 4, end: 6, stage: 'key-animation', form: '原畫' });
    expect(r.hits[1]?.gloss).toContain('key animation');
  });

  it('prefers the longest term at a place', () => {
    expect(ids('摄影表')).toEqual(['timesheet']);
    expect(ids('动画检查')).toEqual(['in-between-check']);
  });

  it('folds width, case, spacing and variant', () => {
    expect(ids('ＫＥＹ－ＡＮＩＭＡＴＩＯＮ')).toEqual(['key-animation']);
    expect(ids('Key_Animation_v2')).toEqual(['key-animation']);
    expect(ids('攝影表')).toEqual(['timesheet']);
  });

  it('does not find Latin terms inside other words, or Hangul terms inside other words', () => {
    expect(ids('shortcut to the computer, hello')).toEqual([]);
    expect(ids('BGM')).toEqual([]);
    expect(ids('C012_LO.psd')).toEqual(['cut', 'layout-abbrev']);
    expect(ids('전원화')).toEqual([]);
    expect(ids('원화를 수정')).toEqual(['key-animation', 'correction']);
  });

  it('reads Korean compounds of terms written without spaces', () => {
    expect(ids('원화수정본_C012.psd')).toEqual(['key-animation', 'correction', 'cut']);
    expect(ids('배경채색')).toEqual(['background', 'colouring']);
    expect(ids('전원화수정')).toEqual([]);
  });

  it('reads numbered cut and episode forms', () => {
    expect(findTerms('컷 12 수정, CUT012, 第3集', 'text').hits.map((h) => h.text)).toEqual(['컷 12', '수정', 'CUT012', '第3集']);
  });

  it('counts every hit but lists at most maxHits', () => {
    const r = findTerms('原画 '.repeat(300), 'text', { maxHits: 10 });
    expect(r).toMatchObject({ totalHits: 300, truncated: true, counts: { 'key-animation': 300 } });
    expect(r.hits).toHaveLength(10);
  });
});

describe('guessStage', () => {
  it('weighs names and folder paths over running text, and gives its reasons', () => {
    const guess = guessStage([
      { field: 'name', kind: 'name', glossary: findTerms('C012_中割_03.png', 'name') },
      { field: 'path', kind: 'path', glossary: findTerms('EP03/动画/C012', 'path') },
      { field: 'text', kind: 'text', glossary: findTerms('背景颜色要调亮', 'text') },
    ]);
    expect(guess.stage).toBe('in-between');
    expect(guess.candidates.map((c) => c.stage)).toEqual(['in-between', 'background']);
    expect(guess.candidates[0]?.reasons.map((r) => r.text)).toEqual(['中割', '动画']);
    expect(guess.reason).toContain('中割');
    expect(guess.confidence).toBeGreaterThan(0.5);
  });

  it('recognises each stage from a typical file name', () => {
    const stageOf = (name: string) => guessStage([{ field: 'name', kind: 'name', glossary: findTerms(name, 'name') }]).stage;
    expect(stageOf('EP03_分镜_v2.pdf')).toBe('storyboard');
    expect(stageOf('c012_layout.psd')).toBe('layout');
    expect(stageOf('C012_原画.tga')).toBe('key-animation');
    expect(stageOf('c012_inbetween_0003.png')).toBe('in-between');
    expect(stageOf('C012_上色.png')).toBe('colour');
    expect(stageOf('BG_C012.psd')).toBe('background');
    expect(stageOf('c012_comp_v3.aep')).toBe('compositing');
    expect(stageOf('EP03_摄影表.xdts')).toBe('timesheet');
    expect(stageOf('3화_리테이크_목록.xlsx')).toBe('editing-instructions');
    expect(stageOf('Mark_model_sheet.png')).toBe('design');
  });

  it('has no stage without stage terms', () => {
    expect(guessStage([{ field: 'name', kind: 'name', glossary: findTerms('C012.png', 'name') }])).toMatchObject({
      stage: null,
      confidence: 0,
    });
  });
});
