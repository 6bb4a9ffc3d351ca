import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { corruptZips, legacyNameZips, nestedZip, writeZip, zipBomb } from '../../test-support/generate/zips';
import type { ArtifactSummary } from '../../../shared/domain/artifact';
import { AppError } from '../../../shared/errors';
import { verifyAudit } from '../../db/audit-repo';
import { getArtifact } from '../artifacts';
import { caseDb, closeAllCases } from '../case-store';
import { cancelIngest, listJobs, listSources, startIngest, waitForJob } from './ingest-service';
import { bytes, fingerprint, workspace, type Workspace } from '../../test-support/ingest-kit';
import { repoRoot } from '../../test-support/paths';
import { NOT_READABLE_BY_NOBODY, projectReadableByNobody, runsAsRoot } from '../../test-support/unprivileged';

const PAST = new Date('2001-02-03T04:05:06Z');

function write(file: string, content: Uint8Array | string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

const byPath = (items: ArtifactSummary[]): Map<string, ArtifactSummary> => new Map(items.map((a) => [a.path, a]));
const png = (): Uint8Array => PNG.sync.write(Object.assign(new PNG({ width: 2, height: 2 }), { data: Buffer.alloc(16, 200) }));
const jpg = (): Uint8Array => jpeg.encode({ width: 2, height: 2, data: Buffer.alloc(16, 90) }, 90).data;

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => {
  closeAllCases();
  ws.cleanup();
});

describe('ingest of a folder', () => {
  it('hashes every file in one pass exactly as node:crypto does, and leaves the evidence untouched', async () => {
    const ev = path.join(ws.root, 'evidence');
    write(path.join(ev, 'empty.bin'), '');
    write(path.join(ev, 'notes/지시.txt'), '原画修型请注意口型\n로동신문 인빈서블 원화 수정\n');
    write(path.join(ev, 'notes/deep/big.bin'), bytes(3 * 1024 * 1024 + 17, 7));
    write(path.join(ev, 'sheets/model.png'), png());
    write(path.join(ev, 'archive.zip'), writeZip([{ name: 'inside.txt', data: new TextEncoder().encode('inside') }]));
    // Old access times: a read without O_NOATIME would move them (relatime updates atime older than mtime).
    for (const rel of fingerprint(ev).keys()) utimesSync(path.join(ev, rel), PAST, new Date('2020-01-01T00:00:00Z'));
    const before = fingerprint(ev);

    const caseDir = ws.newCase();
    const job = await ws.ingest(caseDir, ev);
    expect(job).toMatchObject({ status: 'done', errorCount: 0, filesTotal: 6, filesDone: 6 });

    expect(fingerprint(ev)).toEqual(before);
    const artifacts = byPath(ws.artifacts(caseDir));
    for (const [rel, f] of before) {
      const a = artifacts.get(rel);
      expect(a, rel).toMatchObject({ kind: 'file', status: 'ok', sha256: f.sha256, sha1: f.sha1, md5: f.md5, size: f.size, mode: f.mode });
      expect(a?.mtime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
      expect(a?.mtime).toBe('2020-01-01T00:00:00.000000000Z');
      expect(a?.atime).toBe('2001-02-03T04:05:06.000000000Z');
    }
    expect(artifacts.get('notes')?.kind).toBe('directory');
    expect(artifacts.get('notes/deep/big.bin')?.parentId).toBe(artifacts.get('notes/deep')?.id);
    expect(artifacts.get('archive.zip!/inside.txt')).toMatchObject({
      kind: 'member',
      parentId: artifacts.get('archive.zip')?.id,
      sha256: createHash('sha256').update('inside').digest('hex'),
    });
    expect(artifacts.get('empty.bin')?.mime).toBe('application/x-empty');

    const phases = new Set(ws.progress.map((p) => p.phase));
    expect([...phases]).toEqual(['scanning', 'hashing', 'extracting', 'finishing']);
    const detail = getArtifact(caseDir, artifacts.get('notes/지시.txt')?.id ?? 0);
    expect(detail.extraction?.text).toContain('原画修型请注意口型');
    expect(getArtifact(caseDir, artifacts.get('archive.zip!/inside.txt')?.id ?? 0).extraction?.text).toContain('inside');
    expect(listSources(caseDir)).toMatchObject([{ path: ev, kind: 'folder', status: 'ready', errorCount: 0 }]);
    expect(verifyAudit(caseDb(caseDir))).toBeNull();
  });

  it('records symlinks with their targets, never follows them, and skips special files without opening them', async () => {
    const ev = path.join(ws.root, 'evidence');
    write(path.join(ev, 'real/a.txt'), 'a');
    symlinkSync('../real/a.txt', path.join(ev, 'real/link-to-a'));
    symlinkSync('..', path.join(ev, 'real/loop')); // would loop forever if followed
    symlinkSync('/etc/passwd', path.join(ev, 'outside'));
    execFileSync('mkfifo', [path.join(ev, 'pipe')]);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(ev, 'socket'), resolve));
    try {
      const caseDir = ws.newCase();
      const job = await ws.ingest(caseDir, ev);
      expect(job.status).toBe('done');
      const a = byPath(ws.artifacts(caseDir));
      expect(a.get('real/link-to-a')).toMatchObject({ kind: 'symlink', status: 'ok', symlinkTarget: '../real/a.txt', sha256: null });
      expect(a.get('real/loop')).toMatchObject({ kind: 'symlink', symlinkTarget: '..' });
      expect(a.get('outside')).toMatchObject({ kind: 'symlink', symlinkTarget: '/etc/passwd', sha256: null });
      expect(a.get('pipe')).toMatchObject({ kind: 'special', status: 'skipped', error: 'special file (named pipe (FIFO)): not opened' });
      expect(a.get('socket')).toMatchObject({ kind: 'special', status: 'skipped', error: 'special file (socket): not opened' });
      expect([...a.keys()].some((p) => p.startsWith('real/loop/'))).toBe(false);
      expect(job.errorCount).toBe(0);
    } finally {
      server.close();
    }
  });

  it('records files that vanish, turn into folders or FIFOs after listing, and carries on', async () => {
    const ev = path.join(ws.root, 'evidence');
    for (let i = 0; i < 40; i++) write(path.join(ev, `a${String(i).padStart(2, '0')}.bin`), bytes(1000, i + 1));
    write(path.join(ev, 'z-vanish.txt'), 'going');
    write(path.join(ev, 'z-dir.txt'), 'becomes a folder');
    write(path.join(ev, 'z-fifo.txt'), 'becomes a pipe');
    const caseDir = ws.newCase();
    // The first hashing event comes after the listing is committed and before any file is opened.
    let raced = false;
    ws.onProgress((p) => {
      if (p.phase !== 'hashing' || raced) return;
      raced = true;
      rmSync(path.join(ev, 'z-vanish.txt'));
      rmSync(path.join(ev, 'z-dir.txt'));
      mkdirSync(path.join(ev, 'z-dir.txt'));
      rmSync(path.join(ev, 'z-fifo.txt'));
      execFileSync('mkfifo', [path.join(ev, 'z-fifo.txt')]);
    });
    const job = await ws.ingest(caseDir, ev, { extract: false });
    expect(raced).toBe(true);
    expect(job).toMatchObject({ status: 'done', errorCount: 3 });
    const a = byPath(ws.artifacts(caseDir));
    expect(a.get('z-vanish.txt')).toMatchObject({ status: 'error', error: 'vanished since it was listed (no such file)', size: 5 });
    expect(a.get('z-dir.txt')).toMatchObject({ status: 'error', error: 'became a folder since it was listed: not read' });
    expect(a.get('z-fifo.txt')).toMatchObject({ status: 'error', error: 'became a special file since it was listed: not read' });
    expect([...a.values()].filter((x) => x.status === 'ok')).toHaveLength(40);
  });

  it('records an unreadable file and carries on (as root, ingest runs as nobody so chmod 000 holds)', async (ctx) => {
    if (runsAsRoot() && !projectReadableByNobody()) ctx.skip(`chmod 000 cannot be tested as root here: ${NOT_READABLE_BY_NOBODY}`);
    const ev = path.join(ws.root, 'evidence');
    write(path.join(ev, 'locked.txt'), 'secret');
    write(path.join(ev, 'open.txt'), 'open');
    chmodSync(path.join(ev, 'locked.txt'), 0o000);
    const caseDir = ws.newCase();
    if (process.getuid?.() !== 0) {
      const job = await ws.ingest(caseDir, ev);
      expect(job.errorCount).toBe(1);
    } else {
      // Root reads through chmod 000, so the CLI runs as nobody; the case must be theirs, the evidence readable.
      closeAllCases();
      chmodSync(ws.root, 0o755);
      const chownAll = (p: string): void => {
        chownSync(p, 65534, 65534);
        if (statSync(p).isDirectory()) for (const n of readdirSync(p)) chownAll(path.join(p, n));
      };
      chownAll(caseDir);
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'ingest', caseDir, ev, '--json'], {
        cwd: repoRoot,
        uid: 65534,
        gid: 65534,
        env: { ...process.env, HOME: ws.root, WORKBENCH_DATA_DIR: path.join(ws.root, 'nobody-data') },
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const summary = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { type: string; errorCount: number; status: string };
      expect(summary).toMatchObject({ type: 'summary', status: 'done', errorCount: 1 });
    }
    const a = byPath(ws.artifacts(caseDir));
    expect(a.get('locked.txt')).toMatchObject({ status: 'error', error: 'cannot open: permission denied', sha256: null });
    expect(a.get('open.txt')?.status).toBe('ok');
  });
});

describe('zip archives', () => {
  it('lists nested members with virtual paths, decodes legacy names, refuses bombs and reports corruption', async () => {
    const ev = path.join(ws.root, 'evidence');
    const nested = nestedZip();
    const gbk = legacyNameZips().find((z) => z.name === 'names/gbk-names.zip');
    const bomb = zipBomb();
    const [truncated, badCrc] = corruptZips();
    for (const item of [nested, gbk, bomb, truncated, badCrc]) if (item) write(path.join(ev, item.name), item.bytes);

    const caseDir = ws.newCase();
    const job = await ws.ingest(caseDir, ev);
    expect(job.status).toBe('done');
    const a = byPath(ws.artifacts(caseDir));

    const deep = a.get('nested/outer.zip!/middle.zip!/inner.zip!/deep.txt');
    expect(deep).toMatchObject({
      kind: 'member',
      status: 'ok',
      sha256: createHash('sha256').update(nested.expected.content).digest('hex'),
    });
    expect(deep?.parentId).toBe(a.get('nested/outer.zip!/middle.zip!/inner.zip')?.id);
    expect(a.get('nested/outer.zip!/middle.zip')?.parentId).toBe(a.get('nested/outer.zip')?.id);
    expect(getArtifact(caseDir, a.get('nested/outer.zip')?.id ?? 0).children).toBe(2);
    expect(getArtifact(caseDir, deep?.id ?? 0).extraction?.text).toContain(nested.expected.content);

    const gbkMember = a.get('names/gbk-names.zip!/原画修型.txt');
    expect(gbkMember).toMatchObject({ status: 'ok', rawName: gbk?.expected.entries[0]?.rawHex });
    expect(['gbk', 'gb2312', 'gb18030']).toContain(gbkMember?.nameEncoding);
    expect(a.get('names/gbk-names.zip!/第12集/分镜修改意见.txt')?.status).toBe('ok');

    expect(a.get(bomb.name)).toMatchObject({ status: 'error', sha256: createHash('sha256').update(bomb.bytes).digest('hex') });
    expect(a.get(bomb.name)?.error).toMatch(/zip bomb/);
    expect(a.get(`${bomb.name}!/zeros.bin`)).toMatchObject({ status: 'error', sha256: null });

    expect(a.get(truncated?.name ?? '')?.error).toMatch(/unreadable archive/);
    expect(a.get(`${badCrc?.name}!/tampered.txt`)?.error).toMatch(/CRC-32 mismatch/);
  });
});

describe('duplicates and type mismatches', () => {
  it('groups byte-identical files under the lowest id and flags extensions that lie', async () => {
    const ev = path.join(ws.root, 'evidence');
    write(path.join(ev, 'a/copy1.bin'), bytes(5000, 42));
    write(path.join(ev, 'b/copy2.bin'), bytes(5000, 42));
    write(path.join(ev, 'c/copy3.dat'), bytes(5000, 42));
    write(path.join(ev, 'png-named.jpg'), png());
    write(path.join(ev, 'zip-named.txt'), writeZip([{ name: 'x.txt', data: new Uint8Array([120]) }]));
    write(path.join(ev, 'real.jfif'), jpg());
    write(path.join(ev, 'unknown.xyz'), png());
    const caseDir = ws.newCase();
    await ws.ingest(caseDir, ev, { extract: false });
    const a = byPath(ws.artifacts(caseDir));
    const first = a.get('a/copy1.bin');
    expect(first).toMatchObject({ duplicateOf: null, duplicateCount: 2 });
    expect(a.get('b/copy2.bin')).toMatchObject({ duplicateOf: first?.id, duplicateCount: 2 });
    expect(a.get('c/copy3.dat')).toMatchObject({ duplicateOf: first?.id, duplicateCount: 2 });
    expect(a.get('png-named.jpg')).toMatchObject({ mime: 'image/png', mismatch: true });
    expect(a.get('zip-named.txt')).toMatchObject({ mime: 'application/zip', mismatch: true });
    expect(a.get('zip-named.txt!/x.txt')?.status).toBe('ok');
    expect(a.get('real.jfif')).toMatchObject({ mime: 'image/jpeg', mismatch: false });
    expect(a.get('unknown.xyz')).toMatchObject({ mime: 'image/png', mismatch: false });
  });
});

describe('adding the same source again', () => {
  it('is idempotent, re-hashes only what changed, keeps what vanished, and audits it', async () => {
    const ev = path.join(ws.root, 'evidence');
    write(path.join(ev, 'same.txt'), 'unchanged');
    write(path.join(ev, 'edit.txt'), 'version 1');
    write(path.join(ev, 'gone.txt'), 'soon deleted');
    write(path.join(ev, 'pack.zip'), writeZip([{ name: 'm.txt', data: new TextEncoder().encode('member') }]));
    const caseDir = ws.newCase();
    await ws.ingest(caseDir, ev);
    const first = ws.artifacts(caseDir);

    const again = await ws.ingest(caseDir, ev);
    expect(again.status).toBe('done');
    expect(ws.artifacts(caseDir)).toEqual(first);
    expect(listSources(caseDir)).toHaveLength(1);

    write(path.join(ev, 'edit.txt'), 'version 2, longer');
    rmSync(path.join(ev, 'gone.txt'));
    await ws.ingest(caseDir, ev);
    const before = byPath(first);
    const after = byPath(ws.artifacts(caseDir));
    expect(after.size).toBe(before.size);
    expect(after.get('same.txt')).toEqual(before.get('same.txt'));
    expect(after.get('pack.zip!/m.txt')).toEqual(before.get('pack.zip!/m.txt'));
    expect(after.get('edit.txt')?.id).toBe(before.get('edit.txt')?.id);
    expect(after.get('edit.txt')?.sha256).toBe(createHash('sha256').update('version 2, longer').digest('hex'));
    expect(after.get('gone.txt')).toMatchObject({ status: 'error', sha256: before.get('gone.txt')?.sha256 });
    expect(after.get('gone.txt')?.error).toMatch(/^not found when the source was scanned again/);

    const db = caseDb(caseDir);
    const audit = db.prepare('SELECT action, details FROM audit_log ORDER BY seq').all() as { action: string; details: string }[];
    expect(audit.filter((e) => e.action === 'source.added')).toHaveLength(1);
    const last = JSON.parse(audit.at(-1)?.details ?? '{}') as { changed: unknown[]; missingSinceLastIngest: number };
    expect(last.changed).toEqual([{ path: 'edit.txt', previousSha256: before.get('edit.txt')?.sha256 }]);
    expect(last.missingSinceLastIngest).toBe(1);
  });
});

describe('extraction integrity', () => {
  it('refuses to extract a file whose bytes changed since hashing, even with its size and mtime restored', async () => {
    const changed = 'evidence changed since it was hashed (SHA-256 differs); ingest the source again';
    const mtime = new Date('2020-01-01T00:00:00Z');
    const ev = path.join(ws.root, 'evidence');
    write(path.join(ev, 'kept.txt'), 'unchanged words');
    write(path.join(ev, 'tampered.txt'), 'original words');
    write(path.join(ev, 'sheets/model.png'), png());
    for (const rel of fingerprint(ev).keys()) utimesSync(path.join(ev, rel), PAST, mtime);
    const caseDir = ws.newCase();
    expect(await ws.ingest(caseDir, ev, { extract: false })).toMatchObject({ status: 'done', errorCount: 0 });
    const hashed = byPath(ws.artifacts(caseDir));

    // Same size and mtime, other bytes: the rescan sees no change, so nothing is hashed again before extraction.
    write(path.join(ev, 'tampered.txt'), 'altered  words');
    utimesSync(path.join(ev, 'tampered.txt'), PAST, mtime);
    const job = await ws.ingest(caseDir, ev, { extract: true });
    expect(job).toMatchObject({ status: 'done', errorCount: 1 });

    const a = byPath(ws.artifacts(caseDir));
    const tampered = a.get('tampered.txt');
    expect(tampered).toMatchObject({ status: 'ok', sha256: hashed.get('tampered.txt')?.sha256, error: `extraction failed: ${changed}` });
    const failed = getArtifact(caseDir, tampered?.id ?? 0).extraction;
    expect(failed).toMatchObject({ metadata: {}, extractors: [{ name: 'ingest', error: changed }] });
    expect(failed?.text).toBeUndefined();

    // Unchanged files extract normally, from the bytes verified against their recorded SHA-256.
    const kept = getArtifact(caseDir, a.get('kept.txt')?.id ?? 0);
    expect(kept).toMatchObject({ status: 'ok', error: null, sha256: hashed.get('kept.txt')?.sha256 });
    expect(kept.extraction?.text).toContain('unchanged words');
    expect(kept.extraction?.extractors.every((x) => x.error === undefined)).toBe(true);
    const image = getArtifact(caseDir, a.get('sheets/model.png')?.id ?? 0);
    expect(image.error).toBeNull();
    expect(Object.keys(image.extraction?.metadata ?? {}).length).toBeGreaterThan(0);
  });
});

describe('job control', () => {
  it('cancels a running job, keeps what is done, and a new run completes it', async () => {
    const ev = path.join(ws.root, 'evidence');
    for (let i = 0; i < 300; i++) write(path.join(ev, `d${i % 10}/f${i}.bin`), bytes(20_000, i + 1));
    const caseDir = ws.newCase();
    const started = await startIngest({ dir: caseDir, path: ev, extract: false }, ws.ctx);
    let cancelling: Promise<unknown> | null = null;
    const stop = ws.onProgress((p) => {
      if (p.phase === 'hashing' && !cancelling) cancelling = cancelIngest(caseDir, started.id);
    });
    const job = await waitForJob(caseDir, started.id);
    expect(cancelling).not.toBeNull();
    expect(job.status).toBe('cancelled');
    expect(listJobs(caseDir)[0]?.status).toBe('cancelled');
    expect(listSources(caseDir)[0]?.status).toBe('cancelled');
    expect(ws.artifacts(caseDir).some((a) => a.status === 'pending')).toBe(true);

    stop();
    const resumed = await ws.ingest(caseDir, ev, { extract: false });
    expect(resumed).toMatchObject({ status: 'done', filesDone: 300, filesTotal: 300 });
    expect(ws.artifacts(caseDir).filter((a) => a.kind === 'file' && a.status === 'ok')).toHaveLength(300);
  });

  it('allows one job per case, and answers bad input with one-line errors', async () => {
    const ev = path.join(ws.root, 'evidence');
    for (let i = 0; i < 50; i++) write(path.join(ev, `f${i}.bin`), bytes(10_000, i + 1));
    const caseDir = ws.newCase();
    const first = await startIngest({ dir: caseDir, path: ev }, ws.ctx);
    const second = await rejection(startIngest({ dir: caseDir, path: ev }, ws.ctx));
    expect(second.code).toBe('conflict');
    await waitForJob(caseDir, first.id);

    expect((await rejection(startIngest({ dir: caseDir, path: path.join(ws.root, 'nope') }, ws.ctx))).code).toBe('not_found');
    expect((await rejection(startIngest({ dir: path.join(ws.root, 'no-case'), path: ev }, ws.ctx))).code).toBe('not_found');
    const inside = await rejection(startIngest({ dir: caseDir, path: ws.root }, ws.ctx));
    expect(inside.code).toBe('invalid_input');
    expect(inside.message).not.toContain('\n');
    expect((await rejection(waitForJob(caseDir, 999))).code).toBe('not_found');
  });

  it('treats a single file, and a zip by content whatever its name, as sources of their own', async () => {
    write(path.join(ws.root, 'loose/report.txt'), 'just a file');
    write(path.join(ws.root, 'loose/archive.dat'), writeZip([{ name: 'in.txt', data: new TextEncoder().encode('in') }]));
    const caseDir = ws.newCase();
    await ws.ingest(caseDir, path.join(ws.root, 'loose/report.txt'));
    await ws.ingest(caseDir, path.join(ws.root, 'loose/archive.dat'));
    expect(listSources(caseDir).map((s) => [path.basename(s.path), s.kind])).toEqual([
      ['report.txt', 'file'],
      ['archive.dat', 'zip'],
    ]);
    expect(ws.artifacts(caseDir).map((a) => a.path)).toEqual(['archive.dat', 'archive.dat!/in.txt', 'report.txt']);
  });
});
