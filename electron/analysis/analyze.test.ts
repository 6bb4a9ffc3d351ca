import { describe, expect, it } from 'vitest';
import { ArtifactAnalysis, TextAnalysis } from '../../shared/domain/analysis';
import { analysisVersion, analyzeArtifact, analyzeText, type TextInput } from './analyze';
import { createWatchlistMatcher, starterWatchlist } from './watchlist';

const watchlist = createWatchlistMatcher(starterWatchlist.productions);

const note = [
  '第12卡原画修型，马克的手太大了，请参考设定重画。',
  '12번 컷 원화 수정, 마크의 손이 너무 큽니다. 설정을 참고하여 다시 그리시오.',
  '第15卡口型对不上，加两张中割。',
  '15번 컷 입모양이 맞지 않음, 동화 두 장 추가. 래일까지 봉사기에 올리시오.',
].join('\n');

const inputs: TextInput[] = [
  { field: 'name', kind: 'name', text: 'INVINCIBLE_S3_EP03_C012_原画修正.pdf' },
  { field: 'path', kind: 'path', text: 'work/invincible/EP03/原画' },
  { field: 'XMP-dc:Title', kind: 'metadata', text: 'Invincible S3 EP03 editing sheet' },
  { field: 'text', kind: 'text', text: note },
];

describe('analyzeArtifact', () => {
  const result = analyzeArtifact(inputs, { watchlist });

  it('returns JSON-safe results that match the shared schema', () => {
    expect(() => ArtifactAnalysis.parse(result)).not.toThrow();
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(result.version).toBe(analysisVersion());
  });

  it('finds the production in the name, the folder and the metadata, with highlights', () => {
    const hits = result.fields.flatMap((f) => f.watchlist.hits);
    expect(hits.map((h) => [h.field, h.productionId, h.text])).toEqual([
      ['name', 'invincible', 'INVINCIBLE'],
      ['path', 'invincible', 'invincible'],
      ['XMP-dc:Title', 'invincible', 'Invincible'],
    ]);
  });

  it('reads the note: languages, variant, Northern markers, translation pairs', () => {
    const text = result.fields[3];
    expect(text?.language.blocks.map((b) => b.label)).toEqual(['zh-Hans', 'ko', 'zh-Hans', 'ko']);
    expect(text?.chinese?.variant).toBe('hans');
    expect(text?.korean?.verdict).toBe('north');
    expect(text?.korean?.matches.map((m) => m.north)).toEqual(['래일', '봉사기']);
    expect(text?.bilingual?.pairs).toHaveLength(2);
  });

  it('guesses the stage from all fields, with reasons', () => {
    expect(result.stage.stage).toBe('key-animation');
    expect(result.stage.reason).toContain('原画');
    expect(result.stage.candidates.map((c) => c.stage)).toContain('editing-instructions');
  });

  it('skips what a text cannot have', () => {
    const en = analyzeText({ field: 'name', kind: 'name', text: 'readme.txt' });
    expect(en).toMatchObject({ chinese: null, korean: null, bilingual: null, watchlist: { hits: [], totalHits: 0 } });
    expect(() => TextAnalysis.parse(en)).not.toThrow();
  });
});

describe('analysis cost', () => {
  const time = (label: string, input: TextInput, rounds: number): number => {
    // As many warm-up calls as timed ones: the first calls run unoptimised code and fill the per-character tables.
    for (let r = 0; r < rounds; r++) analyzeText(input, { watchlist });
    const started = performance.now();
    for (let r = 0; r < rounds; r++) analyzeText(input, { watchlist });
    const ms = (performance.now() - started) / rounds;
    console.log(`analyzeText ${label}: ${ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(1)} ms`}`);
    return ms;
  };

  it('stays cheap on names, notes and megabytes', () => {
    const kb = note.repeat(Math.ceil(1024 / note.length)).slice(0, 1024);
    const mixedMb = note.repeat(Math.ceil(1_048_576 / note.length)).slice(0, 1_048_576);
    const englishMb = 'Cut 12: redraw the hands, the colour is off, add two in-betweens. '.repeat(16_000);
    expect(time('file name', inputs[0] as TextInput, 2000)).toBeLessThan(1);
    expect(time('1 KB note', { field: 'text', kind: 'text', text: kb }, 200)).toBeLessThan(20);
    expect(time('1 MB zh/ko text', { field: 'text', kind: 'text', text: mixedMb }, 3)).toBeLessThan(1500);
    expect(time('1 MB English text', { field: 'text', kind: 'text', text: englishMb }, 3)).toBeLessThan(1500);
  });
});
