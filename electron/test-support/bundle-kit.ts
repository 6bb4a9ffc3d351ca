import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { encode as encodeJpeg } from 'jpeg-js';
import { listArtifacts } from '../services/artifacts';
import { caseDb } from '../services/case-store';
import type { Ctx } from '../services/context';
import {
  addAnnotation,
  addNote,
  applyLabel,
  createLabel,
  decideSuggestion,
  listSuggestions,
  saveSearch,
  setStars,
  setTags,
} from '../services/review';
import { textPdf } from './generate/pdfs';
import { writeZip } from './generate/zips';
import type { Workspace } from './ingest-kit';

/** A reviewed case for the bundle tests and the report's end-to-end spec: hostile names, CJK text, an archive, a log. */

export const EXAMINER = '김철수 (analyst)';
export const HOSTILE_NAME = '<script>alert(1)<script> & "x".txt';
export const FORMULA_NAME = '=HYPERLINK("http-evil").txt';
export const LONG_LINE = 'Invincible S02 episode 12: 인빈서블 원화 수정, 无敌少侠 原画修型. ';

function pictureJpeg(width: number, height: number): Uint8Array {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data.set([(x * 255) / width, (y * 255) / height, ((x ^ y) & 32) * 6, 255], (y * width + x) * 4);
  return new Uint8Array(encodeJpeg({ data, width, height }, 85).data);
}

export function writeBundleEvidence(root: string): string {
  const dir = path.join(root, 'evidence');
  mkdirSync(path.join(dir, 'notes'), { recursive: true });
  mkdirSync(path.join(dir, 'sheets'), { recursive: true });
  writeFileSync(
    path.join(dir, 'notes', 'ko-note.txt'),
    iconv.encode('인빈서블 12화 원화 수정 부탁드립니다. 로동 시간 조정, 콤퓨터 점검.\r\n', 'euc-kr'),
  );
  writeFileSync(path.join(dir, 'notes', 'zh-note.txt'), '无敌少侠 第12集第34场：原画修型，口型要对上。请在3月20日前提交。\n');
  writeFileSync(path.join(dir, 'notes', 'long.txt'), LONG_LINE.repeat(60));
  writeFileSync(path.join(dir, HOSTILE_NAME), '<img src=x onerror=alert(2)> "quoted", comma\n');
  writeFileSync(path.join(dir, FORMULA_NAME), '=1+2\n');
  writeFileSync(
    path.join(dir, 'sheets', 'editing-sheet.pdf'),
    textPdf([[['F4', 14, 72, 740, 'INVINCIBLE S02 EP12 EDITING SHEET']]], {
      title: 'Editing sheet',
      author: 'desk',
      created: "D:20240315101500+09'00'",
    }),
  );
  writeFileSync(path.join(dir, 'frame.jpg'), pictureJpeg(320, 240));
  const nested = writeZip([{ name: 'deep.txt', data: new TextEncoder().encode('Omni-Man layout notes\n'), utf8Flag: true }]);
  writeFileSync(
    path.join(dir, 'pack.zip'),
    writeZip([
      { name: 'inner/说明.txt', data: new TextEncoder().encode('压缩包里的说明文件。无敌少侠\n'), utf8Flag: true },
      { name: 'inner/nested.zip', data: nested, method: 'store' },
    ]),
  );
  return dir;
}

export interface ReviewedCase {
  caseDir: string;
  evidence: string;
  idOf(p: string): number;
}

/** Creates a case, ingests the evidence and reviews it the way an analyst would. */
export async function reviewedCase(ws: Workspace, name = 'bundle-case'): Promise<ReviewedCase> {
  const caseDir = path.join(ws.root, name);
  const { createCase } = await import('../services/cases');
  createCase(
    { dir: caseDir, name: '2024-017 원화 수정 / 原画修型 <b>bold?</b>', examiner: EXAMINER, description: 'Exposed server export.' },
    ws.ctx,
  );
  const evidence = writeBundleEvidence(ws.root);
  const job = await ws.ingest(caseDir, evidence);
  if (job.status !== 'done') throw new Error(`ingest ${job.status}: ${job.message ?? ''}`);
  const all = listArtifacts({ dir: caseDir, sort: 'path', order: 'asc', offset: 0, limit: 1000 }).items;
  const idOf = (p: string): number => {
    const found = all.find((a) => a.path === p);
    if (!found) throw new Error(`no artifact ${p}; have ${all.map((a) => a.path).join(', ')}`);
    return found.id;
  };
  review(caseDir, idOf, ws.ctx);
  return { caseDir, evidence, idOf };
}

function review(dir: string, idOf: (p: string) => number, ctx: Ctx): void {
  const examiner = EXAMINER;
  setTags(
    {
      dir,
      examiner,
      artifactIds: [idOf('notes/ko-note.txt')],
      productionId: 'invincible',
      status: 'confirmed',
      confidence: 'high',
      rationale: 'The Korean title 인빈서블 and episode 12 are written in the note.',
    },
    ctx,
  );
  const sheet = listSuggestions({ dir, artifactId: idOf('sheets/editing-sheet.pdf'), offset: 0, limit: 10 }).items[0];
  if (sheet)
    decideSuggestion({ dir, examiner, id: sheet.id, decision: 'accept', status: 'suspected', confidence: 'medium', rationale: '' }, ctx);
  setTags(
    {
      dir,
      examiner,
      artifactIds: [idOf('frame.jpg'), idOf(HOSTILE_NAME)],
      productionId: 'invincible',
      status: 'suspected',
      confidence: 'low',
      rationale: '<i>looks like</i> a key frame',
    },
    ctx,
  );
  setTags(
    {
      dir,
      examiner,
      artifactIds: [idOf('pack.zip!/inner/说明.txt')],
      productionId: 'invincible',
      status: 'ruled-out',
      confidence: 'medium',
      rationale: 'generic',
    },
    ctx,
  );
  addNote(
    {
      dir,
      examiner,
      artifactId: idOf('frame.jpg'),
      body: '**Key frame** with the 원화 stamp.\n\n- check <img src=x onerror=alert(3)>\n- [link](javascript:alert(4))',
    },
    ctx,
  );
  addAnnotation(
    { dir, examiner, artifactId: idOf('frame.jpg'), region: { page: null, x: 40, y: 30, width: 120, height: 80 }, note: '도장 stamp' },
    ctx,
  );
  const label = createLabel({ dir, examiner, name: '中文 notes', color: '#2a7ab0' }, ctx);
  applyLabel({ dir, examiner, artifactIds: [idOf('notes/zh-note.txt')], labelId: label.id, applied: true }, ctx);
  setStars({ dir, examiner, artifactIds: [idOf('notes/ko-note.txt')], starred: true }, ctx);
  addNote({ dir, examiner, artifactId: null, body: 'Case note: received 2024-03-20 from the source.' }, ctx);
  saveSearch({ dir, examiner, name: 'Korean notes', query: { language: 'ko' } }, ctx);
  // No reader fills log_requests yet: two rows by hand, so the bundle's log files and the report's activity are exercised.
  const db = caseDb(dir);
  const insert = db.prepare(
    'INSERT INTO log_requests (artifact_id, line, at, ip, method, path, status, bytes, country) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  insert.run(idOf('notes/zh-note.txt'), 1, '2024-03-15T05:22:05Z', '175.45.176.1', 'GET', '/files/ep12.psd', 200, 1024, 'CN');
  insert.run(idOf('notes/zh-note.txt'), 2, '2024-03-15T06:01:00Z', '175.45.176.2', 'GET', '/files/ep12.pdf', 200, 2048, 'CN');
}
