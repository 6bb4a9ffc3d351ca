import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { textPdf } from '../test-support/generate/pdfs';
import { workspace, type Workspace } from '../test-support/ingest-kit';
import { listArtifacts } from './artifacts';
import { listAudit, verifyAudit } from './audit';
import { caseDb, closeAllCases } from './case-store';
import {
  addAnnotation,
  addNote,
  applyLabel,
  artifactReview,
  createLabel,
  decideSuggestion,
  listSuggestions,
  redo,
  removeTags,
  setStars,
  setTags,
  undo,
} from './review';
import { listWatchlist, rematchSettled, saveProduction } from './watchlist';

const EXAMINER = '김철수';
let ws: Workspace;
let caseDir: string;

/** The shape of the real case: a Korean note naming the show, an editing sheet, a named file, and a note with its translation. */
function evidence(root: string): string {
  const dir = path.join(root, 'evidence');
  mkdirSync(path.join(dir, 'notes'), { recursive: true });
  writeFileSync(path.join(dir, 'notes', 'ko-note.txt'), iconv.encode('인빈서블 12화 원화 수정 부탁드립니다.\r\n', 'euc-kr'));
  writeFileSync(
    path.join(dir, 'sheet.pdf'),
    textPdf([[['F4', 14, 72, 740, 'INVINCIBLE S02 EP12 EDITING SHEET']]], {
      title: 'Editing sheet',
      author: 'desk',
      created: "D:20240315101500+09'00'",
    }),
  );
  writeFileSync(path.join(dir, 'iyanu_layout_c012.txt'), 'layout check\n');
  writeFileSync(path.join(dir, 'notes', 'zh-12.txt'), '第12集第34场：原画修型，口型要对上。请在3月20日前提交。\n');
  writeFileSync(path.join(dir, 'notes', 'ko-12.txt'), '제12화 34씬: 원화 수정, 립싱크를 맞춰 주십시오. 3월 20일까지 제출해 주십시오.\n');
  return dir;
}

const idOf = (p: string): number => {
  const found = listArtifacts({ dir: caseDir, sort: 'path', order: 'asc', offset: 0, limit: 1000 }).items.find((a) => a.path === p);
  if (!found) throw new Error(`no artifact ${p}`);
  return found.id;
};

beforeAll(async () => {
  ws = workspace();
  caseDir = ws.newCase();
  expect((await ws.ingest(caseDir, evidence(ws.root))).status).toBe('done');
}, 120_000);
afterEach(() => closeAllCases());

describe('attribution', () => {
  it('starts a case with the starter watchlist and suggests productions from text, PDF text and file names, with evidence', () => {
    expect(listWatchlist(caseDir).map((p) => p.id)).toEqual(expect.arrayContaining(['invincible', 'iyanu']));
    const open = listSuggestions({ dir: caseDir, status: 'open', offset: 0, limit: 100 }).items;
    const by = (p: string): (typeof open)[number] | undefined => open.find((s) => s.path === p);
    expect(by('notes/ko-note.txt')).toMatchObject({ productionId: 'invincible' });
    expect(by('notes/ko-note.txt')?.hits[0]).toMatchObject({ field: 'text', alias: '인빈서블', text: '인빈서블' });
    expect(by('sheet.pdf')?.hits.map((h) => h.text)).toContain('INVINCIBLE');
    expect(by('iyanu_layout_c012.txt')).toMatchObject({ productionId: 'iyanu' });
    const hit = by('iyanu_layout_c012.txt')?.hits[0];
    expect(hit?.snippet.slice(hit.highlight.start, hit.highlight.end).toLowerCase()).toBe('iyanu');
  });

  it('links a Chinese note and its Korean translation in two files, and labels languages and variants', () => {
    const review = artifactReview(caseDir, idOf('notes/zh-12.txt'));
    expect(review.translations.map((t) => t.path)).toEqual(['notes/ko-12.txt']);
    expect(review.translations[0]?.sharedNumbers).toEqual(expect.arrayContaining(['12', '34']));
    const rows = listArtifacts({ dir: caseDir, sort: 'path', order: 'asc', offset: 0, limit: 100, language: 'ko' }).items.map(
      (a) => a.path,
    );
    expect(rows).toEqual(expect.arrayContaining(['notes/ko-12.txt', 'notes/ko-note.txt']));
    expect(rows).not.toContain('notes/zh-12.txt');
    const zh = listArtifacts({ dir: caseDir, sort: 'path', order: 'asc', offset: 0, limit: 100, variant: 'hans' }).items.map((a) => a.path);
    expect(zh).toEqual(['notes/zh-12.txt']);
  });

  it('re-matches every artifact when the watchlist changes', async () => {
    saveProduction(
      {
        dir: caseDir,
        examiner: EXAMINER,
        production: {
          title: 'Layout Test Show',
          aliases: [{ text: 'layout check', lang: 'en', kind: 'title' }],
          networks: [],
          studios: [],
          notes: '',
        },
      },
      ws.ctx,
    );
    await rematchSettled(caseDir);
    const open = listSuggestions({ dir: caseDir, productionId: 'layout-test-show', offset: 0, limit: 10 }).items;
    expect(open.map((s) => s.path)).toEqual(['iyanu_layout_c012.txt']);
  });
});

describe('review', () => {
  it('accepts a suggestion in one call: a tag carrying its evidence', () => {
    const suggestion = listSuggestions({ dir: caseDir, status: 'open', offset: 0, limit: 100 }).items.find((s) => s.path === 'sheet.pdf');
    if (!suggestion) throw new Error('no suggestion for sheet.pdf');
    const decided = decideSuggestion(
      {
        dir: caseDir,
        examiner: EXAMINER,
        id: suggestion.id,
        decision: 'accept',
        status: 'confirmed',
        confidence: 'high',
        rationale: 'title on the sheet',
      },
      ws.ctx,
    );
    expect(decided).toMatchObject({ status: 'accepted', decidedBy: EXAMINER });
    const [tag] = artifactReview(caseDir, suggestion.artifactId).tags;
    expect(tag).toMatchObject({
      productionId: 'invincible',
      status: 'confirmed',
      confidence: 'high',
      suggestionId: suggestion.id,
      examiner: EXAMINER,
    });
    expect(tag?.evidence?.[0]?.text).toBe('INVINCIBLE');
  });

  it('bulk-labels, stars, notes and annotates, and filters by each', () => {
    const five = listArtifacts({ dir: caseDir, sort: 'id', order: 'asc', offset: 0, limit: 5, type: 'file' }).items.map((a) => a.id);
    const label = createLabel({ dir: caseDir, examiner: EXAMINER, name: 'editing instructions', color: '#cc3300' }, ws.ctx);
    expect(
      applyLabel({ dir: caseDir, examiner: EXAMINER, artifactIds: five, labelId: label.id, applied: true }, ws.ctx).artifactIds,
    ).toHaveLength(5);
    setStars({ dir: caseDir, examiner: EXAMINER, artifactIds: [five[0] as number], starred: true }, ws.ctx);
    addNote({ dir: caseDir, examiner: EXAMINER, artifactId: five[1] as number, body: '**口型** 확인 필요' }, ws.ctx);
    const annotation = addAnnotation(
      {
        dir: caseDir,
        examiner: EXAMINER,
        artifactId: idOf('sheet.pdf'),
        region: { page: 1, x: 60, y: 40, width: 300, height: 30 },
        note: 'the title',
      },
      ws.ctx,
    );
    expect(annotation).toMatchObject({ page: 1, x: 60, width: 300, note: 'the title' });
    const list = (filters: Record<string, unknown>): number[] =>
      listArtifacts({ dir: caseDir, sort: 'id', order: 'asc', offset: 0, limit: 100, ...filters }).items.map((a) => a.id);
    expect(list({ labelId: label.id })).toEqual(five);
    expect(list({ starred: true })).toEqual([five[0]]);
    expect(list({ hasNotes: true })).toEqual([five[1]]);
    expect(list({ production: 'invincible', tagStatus: 'confirmed' })).toEqual([idOf('sheet.pdf')]);
  });

  it('undoes and redoes the examiner’s last changes, each recorded in the audit trail', () => {
    const id = idOf('notes/ko-note.txt');
    setTags(
      {
        dir: caseDir,
        examiner: EXAMINER,
        artifactIds: [id],
        productionId: 'invincible',
        status: 'suspected',
        confidence: 'low',
        rationale: '',
      },
      ws.ctx,
    );
    removeTags({ dir: caseDir, examiner: EXAMINER, artifactIds: [id], productionId: 'invincible' }, ws.ctx);
    expect(artifactReview(caseDir, id).tags).toHaveLength(0);
    expect(undo({ dir: caseDir, examiner: EXAMINER }, ws.ctx).done?.summary).toMatch(/^undid: removed the Invincible tag/);
    expect(artifactReview(caseDir, id).tags.map((t) => t.status)).toEqual(['suspected']);
    undo({ dir: caseDir, examiner: EXAMINER }, ws.ctx);
    expect(artifactReview(caseDir, id).tags).toHaveLength(0);
    const redone = redo({ dir: caseDir, examiner: EXAMINER }, ws.ctx);
    expect(redone.done?.summary).toMatch(/^redid: tagged 1 artifact Invincible/);
    expect(artifactReview(caseDir, id).tags).toHaveLength(1);
    // Another examiner's undo stack is their own.
    expect(undo({ dir: caseDir, examiner: 'someone else' }, ws.ctx).done).toBeNull();
    const actions = listAudit({ dir: caseDir, artifactId: id, offset: 0, limit: 20 }).items.map((e) => e.action);
    expect(actions.slice(0, 4)).toEqual(['review.redo', 'review.undo', 'review.undo', 'tag.removed']);
    expect(verifyAudit(caseDir)).toMatchObject({ ok: true, problems: [] });
  });

  it('refuses an unknown production or artifact with a readable error, changing nothing', () => {
    const before = listAudit({ dir: caseDir, offset: 0, limit: 1 }).total;
    expect(() =>
      setTags(
        {
          dir: caseDir,
          examiner: EXAMINER,
          artifactIds: [1],
          productionId: 'no-such-show',
          status: 'suspected',
          confidence: 'low',
          rationale: '',
        },
        ws.ctx,
      ),
    ).toThrow(/no production "no-such-show"/);
    expect(() => setStars({ dir: caseDir, examiner: EXAMINER, artifactIds: [999_999], starred: true }, ws.ctx)).toThrow(
      /no artifact 999999/,
    );
    expect(listAudit({ dir: caseDir, offset: 0, limit: 1 }).total).toBe(before);
    expect(caseDb(caseDir).prepare('SELECT COUNT(*) AS n FROM stars').get()).toEqual({ n: 1 });
  });
});
