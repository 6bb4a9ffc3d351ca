import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../../test-support/cli';
import { tempDir } from '../../test-support/temp';

const tmp = tempDir('wb-cli-ingest-');
const dataDir = process.env.WORKBENCH_DATA_DIR;
afterEach(() => {
  if (dataDir === undefined) delete process.env.WORKBENCH_DATA_DIR;
  else process.env.WORKBENCH_DATA_DIR = dataDir;
  tmp.cleanup();
});

describe('workbench ingest / list / artifact', () => {
  it('prints all of a long text with --json, and any range of it with --text-range, through small replies', async () => {
    process.env.WORKBENCH_DATA_DIR = path.join(tmp.dir, 'data');
    const ev = path.join(tmp.dir, 'evidence');
    mkdirSync(ev, { recursive: true });
    // 300,000 characters with an astral one in every line: far past the 64 Ki window an artifact read starts with.
    const text = Array.from({ length: 10_000 }, (_, i) => `${String(i).padStart(5, '0')} 原画修型 𠀋 cut\n`).join('');
    writeFileSync(path.join(ev, 'long.txt'), text);
    const caseDir = path.join(tmp.dir, 'case');
    expect((await cli('case', 'create', caseDir, '--name', 'C', '--examiner', 'E')).code).toBe(0);
    expect((await cli('ingest', caseDir, ev)).code).toBe(0);
    const [listed] = JSON.parse((await cli('list', caseDir, '--json')).out) as { id: number }[];
    const shown = JSON.parse((await cli('artifact', caseDir, String(listed?.id), '--json')).out) as { text: string };
    expect(shown.text).toBe(text);
    const chars = [...text];
    expect((await cli('artifact', caseDir, String(listed?.id), '--text-range', '100000:100030')).out).toBe(
      chars.slice(100_000, 100_030).join(''),
    );
    expect((await cli('artifact', caseDir, String(listed?.id), '--text-range', '70000:')).out).toBe(chars.slice(70_000).join(''));
  });

  it('ingests with JSON progress lines and a summary, lists and shows artifacts as JSON', async () => {
    process.env.WORKBENCH_DATA_DIR = path.join(tmp.dir, 'data');
    const ev = path.join(tmp.dir, 'evidence');
    mkdirSync(path.join(ev, 'sub'), { recursive: true });
    writeFileSync(path.join(ev, 'note.txt'), '原画修型请注意口型');
    writeFileSync(path.join(ev, 'sub/copy.txt'), '原画修型请注意口型');
    const caseDir = path.join(tmp.dir, 'case');
    expect((await cli('case', 'create', caseDir, '--name', 'C', '--examiner', 'E')).code).toBe(0);

    const run = await cli('ingest', caseDir, ev, '--json');
    expect(run.code).toBe(0);
    const lines = run.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; phase?: string; status?: string });
    expect(lines.slice(0, -1).every((l) => l.type === 'progress')).toBe(true);
    expect(lines.at(-1)).toMatchObject({ type: 'summary', status: 'done', filesTotal: 2, errorCount: 0, sourcePath: ev });

    const listed = JSON.parse((await cli('list', caseDir, '--json')).out) as Record<string, unknown>[];
    expect(listed.map((a) => a.path)).toEqual(['note.txt', 'sub', 'sub/copy.txt']);
    expect(Object.keys(listed[0] ?? {})).toEqual(
      expect.arrayContaining([
        'id',
        'source',
        'sourceId',
        'path',
        'name',
        'kind',
        'size',
        'mtime',
        'ctime',
        'atime',
        'birthtime',
        'mode',
        'sha256',
        'sha1',
        'md5',
        'mime',
        'mismatch',
        'duplicateOf',
        'status',
        'error',
        'symlinkTarget',
        'parentId',
      ]),
    );
    expect(listed[0]).toMatchObject({ source: ev, kind: 'file', mime: 'text/plain', duplicateOf: null });
    expect(listed[2]).toMatchObject({ duplicateOf: listed[0]?.id });

    const plain = await cli('list', caseDir);
    expect(plain.out).toMatch(/^ID +STATUS +KIND +SIZE +MIME/);
    expect(plain.out).toContain('3 artifacts');

    const shown = JSON.parse((await cli('artifact', caseDir, String(listed[0]?.id), '--json')).out) as Record<string, unknown>;
    expect(shown).toMatchObject({ id: listed[0]?.id, path: 'note.txt', children: 0, timestamps: [] });
    for (const key of ['extraction', 'links', 'metadata', 'text', 'encoding', 'pages', 'timestamps', 'sha256', 'mtime'])
      expect(shown).toHaveProperty(key);

    const missing = await cli('artifact', caseDir, '999');
    expect(missing).toMatchObject({ code: 1, out: '', err: 'workbench: no artifact 999 in this case\n' });
    expect((await cli('artifact', caseDir, 'abc')).code).toBe(2);
    const noEvidence = await cli('ingest', caseDir, path.join(tmp.dir, 'absent'));
    expect(noEvidence.code).toBe(1);
    expect(noEvidence.err.trim().split('\n')).toHaveLength(1);
  });
});
