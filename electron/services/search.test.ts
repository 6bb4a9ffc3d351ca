import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Extraction } from '../../shared/domain/extraction';
import { transaction } from '../db/database';
import { documentLinks, saveExtraction, saveTextChunk } from '../db/extraction-repo';
import { buildSearchDocs } from '../analysis/search-docs';
import { tempDir, testBackend } from '../test-support/temp';
import { caseDb, closeAllCases } from './case-store';
import { createCase } from './cases';
import { locateMatches, searchCase, timeline } from './search';

function extraction(partial: Partial<Extraction>): Extraction {
  return { metadata: {}, timestamps: [], warnings: [], extractors: [], ...partial };
}

describe('search and timeline over a real case database', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dir: string;

  beforeEach(() => {
    tmp = tempDir();
    dir = path.join(tmp.dir, 'case');
    createCase({ dir, name: 'C', examiner: 'E' }, testBackend(path.join(tmp.dir, 'data')).ctx);
    const db = caseDb(dir);
    db.prepare(
      "INSERT INTO sources (id, path, kind, added_at, status) VALUES (1, '/evidence', 'folder', '2024-01-01T00:00:00Z', 'ready')",
    ).run();
    const add = db.prepare(
      "INSERT INTO artifacts (id, source_id, path, name, kind, size, mtime, sha256, status) VALUES (?, 1, ?, ?, 'file', 10, ?, ?, 'ok')",
    );
    add.run(1, 'notes/지시.txt', '지시.txt', '2024-03-15T05:00:00.000000000Z', 'a'.repeat(64));
    add.run(2, 'sheets/edit.pdf', 'edit.pdf', '2024-03-14T00:00:00.000000000Z', 'b'.repeat(64));
    add.run(3, 'sheets/edit-copy.pdf', 'edit-copy.pdf', '2024-03-16T00:00:00.000000000Z', 'b'.repeat(64));
    const save = (id: number, path: string, e: Extraction): void => saveExtraction(db, id, e, 'test@1', buildSearchDocs(path, e));
    transaction(db, () => {
      save(1, 'notes/지시.txt', extraction({ text: '原画修型请注意口型\n로동신문 인빈서블 원화 수정' }));
      save(
        2,
        'sheets/edit.pdf',
        extraction({
          text: 'INVINCIBLE episode 12 editing sheet',
          metadata: { PDF: { Author: { value: '김철수 张三' } } },
          timestamps: [{ field: 'PDF:CreateDate', value: '2024-03-15T14:22:05+09:00', hasOffset: true, utc: '2024-03-15T05:22:05.000Z' }],
          identity: { documentId: 'xmp.did:1', instanceId: 'xmp.iid:2' },
        }),
      );
      save(
        3,
        'sheets/edit-copy.pdf',
        extraction({ identity: { instanceId: 'xmp.iid:3', derivedFrom: { instanceId: 'xmp.iid:2', documentId: 'xmp.did:1' } } }),
      );
    });
  });
  afterEach(() => {
    closeAllCases();
    tmp.cleanup();
  });

  const search = (query: string) => searchCase({ dir, query, limit: 50 }).map((h) => `${h.artifactId}:${h.field}`);

  it('finds Korean, Chinese and English terms of three or more characters through FTS5', () => {
    expect(search('인빈서블')).toEqual(['1:text']);
    expect(search('修型请')).toEqual(['1:text']);
    expect(search('invincible')).toEqual(['2:text']);
  });

  it('finds two-character terms that the trigram index cannot, and ANDs terms', () => {
    expect(search('원화')).toEqual(['1:text']);
    expect(search('修型')).toEqual(['1:text']);
    expect(search('张三')).toEqual(['2:metadata']);
    expect(search('원화 修型')).toEqual(['1:text']);
    expect(search('원화 invincible')).toEqual([]);
  });

  it('treats FTS syntax and LIKE wildcards in queries as literal text', () => {
    expect(() => search('"原画')).not.toThrow();
    expect(search('"原画')).toEqual([]);
    expect(search('%')).toEqual([]);
    expect(search('NEAR(a b)')).toEqual([]);
  });

  it('treats every control character (U+0000–U+001F, U+007F) as a separator, never as a term or a wildcard', () => {
    const controls = [...Array.from({ length: 0x20 }, (_, i) => i), 0x7f].map((c) => String.fromCharCode(c));
    for (const c of controls) {
      const name = `U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
      expect(search(c), `${name} alone`).toEqual([]);
      expect(search(`${c}${c}${c}`), `${name} three times`).toEqual([]);
      expect(search(`인빈서블${c}`), `${name} after a 4-character term`).toEqual(['1:text']);
      expect(search(`invin${c}cible`), `${name} splitting a term in two`).toEqual(['2:text']);
      expect(search(`zzz${c}invincible`), `${name} between a missing and a present term`).toEqual([]);
      expect(search(`원화${c}修型`), `${name} between two short terms`).toEqual(['1:text']);
      expect(search(`ep${c}`), `${name} after a two-letter prefix`).toEqual(search('ep'));
    }
  });

  it('searches paths and marks the match in the snippet', () => {
    const hits = searchCase({ dir, query: 'edit-copy', limit: 10 });
    expect(hits.map((h) => h.field)).toEqual(['path']);
    const [hit] = hits;
    expect(hit?.highlights.map((r) => hit.snippet.slice(r.start, r.end))).toEqual(['edit-copy']);
  });

  it('ignores case and full width, and highlights the evidence text as written', () => {
    const [hit] = searchCase({ dir, query: 'ＩＮＶＩＮＣＩＢＬＥ', limit: 10 });
    expect(hit?.artifactId).toBe(2);
    expect(hit?.highlights.map((r) => hit.snippet.slice(r.start, r.end))).toEqual(['INVINCIBLE']);
    expect(search('Episode')).toEqual(['2:text']);
  });

  it('folds Chinese variants: 原画 finds 原畫 and back, highlighting what the evidence wrote', () => {
    const db = caseDb(dir);
    db.prepare(
      "INSERT INTO artifacts (id, source_id, path, name, kind, status) VALUES (4, 1, 'notes/tw.txt', 'tw.txt', 'file', 'ok')",
    ).run();
    const text = extraction({ text: '第三場 原畫修型請注意' });
    transaction(db, () => saveExtraction(db, 4, text, 'test@1', buildSearchDocs('notes/tw.txt', text)));
    expect(search('原画')).toEqual(['1:text', '4:text']);
    expect(search('原畫修型')).toEqual(['1:text', '4:text']);
    const hit = searchCase({ dir, query: '原画', limit: 10 }).find((h) => h.artifactId === 4);
    expect(hit?.highlights.map((r) => hit.snippet.slice(r.start, r.end))).toEqual(['原畫']);
  });

  it('finds one-character Chinese and Korean terms, and Latin word prefixes of one or two characters', () => {
    expect(search('型')).toEqual(['1:text']);
    expect(search('원')).toEqual(['1:text']);
    expect(search('ep')).toEqual(['2:text']);
    expect(search('12')).toEqual(['2:text']);
    const [hit] = searchCase({ dir, query: '口', limit: 10 });
    expect(hit?.highlights.map((r) => hit.snippet.slice(r.start, r.end))).toEqual(['口']);
  });

  it('locates every match in the text of one artifact and of its pages, folded as search folds', () => {
    const db = caseDb(dir);
    db.prepare(
      "INSERT INTO artifacts (id, source_id, path, name, kind, status) VALUES (5, 1, 'sheets/tw.pdf', 'tw.pdf', 'file', 'ok')",
    ).run();
    const text = extraction({
      text: '原畫修型\n\n第二頁 原畫',
      pages: [
        { page: 1, text: '原畫修型' },
        { page: 2, text: '第二頁 原畫' },
      ],
    });
    transaction(db, () => {
      saveTextChunk(db, 5, 0, text.text ?? '');
      saveExtraction(db, 5, text, 'test@1', buildSearchDocs('sheets/tw.pdf', text));
    });
    const found = locateMatches({ dir, id: 5, query: '原画' });
    const shown = (t: string, ranges: { start: number; end: number }[]): string[] => ranges.map((r) => t.slice(r.start, r.end));
    expect(shown(text.text ?? '', found.text)).toEqual(['原畫', '原畫']);
    expect(found.pages.map((p) => [p.page, shown(text.pages?.[p.page - 1]?.text ?? '', p.ranges)])).toEqual([
      [1, ['原畫']],
      [2, ['原畫']],
    ]);
    expect(locateMatches({ dir, id: 1, query: 'nothing here' })).toEqual({ text: [], pages: [], capped: false });
    expect(() => locateMatches({ dir, id: 999, query: 'x' })).toThrow(/no artifact 999/);
  });

  it('orders extracted and file-system dates on one timeline, keeping offsets', () => {
    const { events, next } = timeline({ dir, limit: 100 });
    expect(next).toBeNull();
    expect(events.map((e) => `${e.artifactId} ${e.field}`)).toEqual([
      '2 File:FileModifyDate',
      '1 File:FileModifyDate',
      '2 PDF:CreateDate',
      '3 File:FileModifyDate',
    ]);
    expect(events[2]).toMatchObject({ value: '2024-03-15T14:22:05+09:00', hasOffset: true });
    expect(timeline({ dir, limit: 100, artifactId: 1 }).events).toHaveLength(1);
  });

  it('scopes the timeline to a source or folder and bounds it by time', () => {
    const ids = (q: Partial<Parameters<typeof timeline>[0]>) =>
      timeline({ dir, limit: 100, ...q }).events.map((e) => `${e.artifactId} ${e.field}`);
    expect(ids({ sourceId: 1, pathPrefix: 'sheets/' })).toEqual(['2 File:FileModifyDate', '2 PDF:CreateDate', '3 File:FileModifyDate']);
    expect(ids({ sourceId: 2 })).toEqual([]);
    expect(ids({ from: '2024-03-15T05:00', to: '2024-03-15T05:22:05.999999999Z' })).toEqual(['1 File:FileModifyDate', '2 PDF:CreateDate']);
  });

  it('pages from the last event seen, in the same order as one long page', () => {
    const all = timeline({ dir, limit: 100 }).events;
    const first = timeline({ dir, limit: 1 });
    expect(first.events).toEqual(all.slice(0, 1));
    expect(first.next).toMatchObject({ key: '2024-03-14T00:00:00.000000000Z', path: 'sheets/edit.pdf', field: 'File:FileModifyDate' });
    const rest = timeline({ dir, limit: 2, ...(first.next ? { after: first.next } : {}) });
    expect(rest.events).toEqual(all.slice(1, 3));
    const last = timeline({ dir, limit: 2, ...(rest.next ? { after: rest.next } : {}) });
    expect(last.events).toEqual(all.slice(3));
    expect(last.next).toBeNull();
  });

  it('links derived documents to their source through XMP ids, and duplicates by hash', () => {
    const db = caseDb(dir);
    expect(
      documentLinks(db, 3)
        .map((l) => `${l.artifactId} ${l.relation}`)
        .sort(),
    ).toEqual(['2 derived-from', '2 duplicate']);
    expect(
      documentLinks(db, 2)
        .map((l) => `${l.artifactId} ${l.relation}`)
        .sort(),
    ).toEqual(['3 duplicate', '3 source-of']);
  });
});
