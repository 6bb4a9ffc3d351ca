import { describe, expect, it } from 'vitest';
import { ArtifactAnalysis, TextAnalysis } from '../../shared/domain/analysis';
import { analysisJson, analysisVersion, analyzeArtifact, analyzeText, type TextInput } from './analyze';
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

  it('reads the language of metadata from the values, not from the Latin tag names or identifiers', () => {
    const metadata = [
      'IFD0:Artist 张三',
      'IFD0:Software Adobe Photoshop 2023',
      'XMP-xmpMM:DocumentID xmp.did:4f1c9a6e-0d2b-4e8a-9a57-3c8e2f1b7d01',
      'XMP-dc:Description 第三集原画修改',
    ].join('\n');
    const { language } = analyzeText({ field: 'metadata', kind: 'metadata', text: metadata });
    expect(language.label).toBe('zh-Hans');
    expect(language.counts).toMatchObject({ han: 9, latin: 'AdobePhotoshop'.length });
    expect(language.blocks.map((b) => [metadata.slice(b.start, b.end), b.label])).toEqual([
      ['张三', 'zh-Hans'],
      ['Adobe Photoshop 2023', 'en'],
      ['xmp.did:4f1c9a6e-0d2b-4e8a-9a57-3c8e2f1b7d01', 'und'],
      ['第三集原画修改', 'zh-Hans'],
    ]);
  });

  it('analyses a folder path, metadata or text met before once, and again for a new watchlist', () => {
    const path: TextInput = { field: 'path', kind: 'path', text: 'work/iyanu/EP01/原画' };
    const first = analyzeArtifact([path], { watchlist });
    expect(analyzeArtifact([path], { watchlist }).fields[0]).toBe(first.fields[0]);
    const onlyInvincible = createWatchlistMatcher(starterWatchlist.productions.filter((p) => p.id === 'invincible'));
    const other = analyzeArtifact([path], { watchlist: onlyInvincible }).fields[0];
    expect(first.fields[0]?.watchlist.hits.map((h) => h.productionId)).toEqual(['iyanu']);
    expect(other?.watchlist.hits).toEqual([]);
  });

  it('serialises an analysis as JSON.stringify does, fields shared with other artifacts included', () => {
    expect(analysisJson(result)).toBe(JSON.stringify(result));
    const sibling = analyzeArtifact([{ ...inputs[0]!, text: 'INVINCIBLE_S3_EP03_C013_原画.pdf' }, ...inputs.slice(1)], { watchlist });
    expect(sibling.fields[1]).toBe(result.fields[1]);
    expect(analysisJson(sibling)).toBe(JSON.stringify(sibling));
    expect(analysisJson(result)).toBe(JSON.stringify(result));
    const empty = analyzeArtifact([]);
    expect(analysisJson(empty)).toBe(JSON.stringify(empty));
  });

  it('skips what a text cannot have', () => {
    const en = analyzeText({ field: 'name', kind: 'name', text: 'readme.txt' });
    expect(en).toMatchObject({ chinese: null, korean: null, bilingual: null, watchlist: { hits: [], totalHits: 0 } });
    expect(() => TextAnalysis.parse(en)).not.toThrow();
  });
});
