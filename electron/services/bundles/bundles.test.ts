import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { BundleManifest, manifestJsonSchema } from '../../../shared/domain/bundle';
import committedSchema from '../../../shared/schemas/bundle-manifest.schema.json';
import { EXAMINER, FORMULA_NAME, HOSTILE_NAME, reviewedCase, type ReviewedCase } from '../../test-support/bundle-kit';
import { workspace, type Workspace } from '../../test-support/ingest-kit';
import { filesBelow, parseCsv, repack, unzipTo, zipComment, zipNames } from '../../test-support/zip-tools';
import { writeZip } from '../../test-support/generate/zips';
import { listAudit, verifyAudit } from '../audit';
import { closeAllCases } from '../case-store';
import { caseInfo } from '../cases';
import { cancelExport, startExport, waitForExport } from './export-service';
import { importBundle } from './import-service';
import { verifyBundle, verifyBundleFile } from './verify';
import type { ExportSelection } from '../../../shared/domain/bundle';

let ws: Workspace;
let reviewed: ReviewedCase;
let bundle: string;
let unpacked: string;

async function exportTo(
  dir: string,
  target: string,
  selection: ExportSelection = { kind: 'case' },
  options: { originals?: boolean; force?: boolean } = {},
) {
  const job = await startExport({ dir, selection, target, originals: options.originals ?? false, force: options.force ?? false }, ws.ctx);
  return waitForExport(job.id);
}

const manifestOf = (dir: string): BundleManifest => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as BundleManifest;

beforeAll(async () => {
  ws = workspace();
  reviewed = await reviewedCase(ws);
  bundle = path.join(ws.root, 'bundle.zip');
  const job = await exportTo(reviewed.caseDir, bundle, { kind: 'case' }, { originals: true });
  expect(job).toMatchObject({ status: 'done', message: null });
  unpacked = path.join(ws.root, 'unpacked');
  unzipTo(bundle, unpacked);
}, 180_000);
afterAll(() => {
  closeAllCases();
  ws.cleanup();
});

describe('case bundle export', () => {
  it('verifies, and sha256sum -c SHA256SUMS passes in the unpacked bundle', async () => {
    const v = await verifyBundle(bundle);
    expect(v.checks.filter((c) => !c.ok)).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.caseName).toContain('原画修型');
    const sums = spawnSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: unpacked, encoding: 'utf8' });
    expect(sums.stderr).toBe('');
    expect(sums.status).toBe(0);
    const listed = sums.stdout.trim().split('\n');
    expect(listed).toHaveLength(filesBelow(unpacked).length - 1);
    expect(listed.every((l) => l.endsWith(': OK'))).toBe(true);
    const fingerprint = spawnSync('sha256sum', ['SHA256SUMS'], { cwd: unpacked, encoding: 'utf8' }).stdout.slice(0, 64);
    expect(v.fingerprint).toBe(fingerprint);
    expect(await zipComment(bundle)).toContain(fingerprint);
  });

  it('holds the layout the brief asks for, every name flagged UTF-8 by the writer', async () => {
    const names = await zipNames(bundle);
    for (const f of [
      'manifest.json',
      'analysis.jsonl',
      'manifest.schema.json',
      'audit.jsonl',
      'report.html',
      'artifacts.csv',
      'case.jsonld',
      'SHA256SUMS',
      'README.txt',
    ])
      expect(names).toContain(f);
    expect(names.at(-1)).toBe('SHA256SUMS');
    expect(names.some((n) => n.startsWith('text/'))).toBe(true);
    expect(names.some((n) => n.startsWith('logs/'))).toBe(true);
    expect(names).toContain(`originals/${reviewed.idOf('pack.zip!/inner/说明.txt')}-说明.txt`);
    expect(names).toContain(`originals/${reviewed.idOf('pack.zip!/inner/nested.zip!/deep.txt')}-deep.txt`);
    const zip = await yauzl.openPromise(bundle, { lazyEntries: true, decodeStrings: false });
    let records = 0;
    for await (const e of zip.eachEntry()) {
      expect(e.generalPurposeBitFlag & 0x800).toBe(0x800);
      records++;
    }
    zip.close();
    expect(records).toBe(names.length);
  });

  it('validates against the committed JSON Schema, which is the one generated from the zod schema', () => {
    expect(committedSchema).toEqual(JSON.parse(JSON.stringify(manifestJsonSchema())));
    expect(JSON.parse(readFileSync(path.join(unpacked, 'manifest.schema.json'), 'utf8'))).toEqual(committedSchema);
    const m = manifestOf(unpacked);
    expect(BundleManifest.safeParse(m).success).toBe(true);
    const ko = m.artifacts.find((a) => a.path === 'notes/ko-note.txt');
    expect(ko?.tags[0]).toMatchObject({ productionId: 'invincible', status: 'confirmed', confidence: 'high', examiner: EXAMINER });
    expect(ko?.star).toMatchObject({ examiner: EXAMINER });
    expect(ko?.analysis?.languages).toContain('ko');
    expect(ko?.markers?.words.map((w) => w.text)).toEqual(expect.arrayContaining(['로동']));
    const member = m.artifacts.find((a) => a.path === 'pack.zip!/inner/nested.zip!/deep.txt');
    expect(member?.archive).toEqual({ path: 'pack.zip', member: 'inner/nested.zip!/deep.txt' });
    const long = m.artifacts.find((a) => a.path === 'notes/long.txt');
    expect(long?.text).toMatchObject({ file: `text/${long?.id}.txt` });
    expect(m.artifacts.find((a) => a.path === 'frame.jpg')?.annotations).toHaveLength(1);
    expect(m.caseNotes.map((n) => n.body)).toEqual(['Case note: received 2024-03-20 from the source.']);
    expect(m.labels.map((l) => l.name)).toEqual(['中文 notes']);
    expect(m.watchlist.map((p) => p.id)).toContain('invincible');
    expect(m.export).toMatchObject({ by: EXAMINER, originals: true, tool: { name: 'Evidence Workbench' } });
  });

  it('ends the exported audit trail with the export event, and the case trail still verifies', async () => {
    const lines = readFileSync(path.join(unpacked, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; details: string; seq: number });
    const last = lines.at(-1);
    expect(last?.action).toBe('bundle.exported');
    expect(JSON.parse(last?.details ?? '{}')).toMatchObject({
      exportId: manifestOf(unpacked).export.id,
      selection: { kind: 'case' },
      originals: true,
    });
    expect(verifyAudit(reviewed.caseDir).ok).toBe(true);
    expect(listAudit({ dir: reviewed.caseDir, action: 'bundle', offset: 0, limit: 10 }).items[0]?.action).toBe('bundle.exported');
  });

  it('names the file when any single byte of any file of the bundle changes', async () => {
    const order = await zipNames(bundle);
    const comment = await zipComment(bundle);
    for (const [i, file] of order.entries()) {
      const bytes = Buffer.from(readFileSync(path.join(unpacked, file)));
      const at = (i * 7919) % bytes.byteLength;
      bytes[at] = (bytes[at] ?? 0) ^ 0x01;
      const altered = path.join(ws.root, `altered-${i}.zip`);
      await repack(unpacked, order, altered, comment, { file, bytes });
      const v = await verifyBundle(altered);
      expect(v.ok, file).toBe(false);
      expect(
        v.checks.filter((c) => !c.ok).map((c) => c.subject),
        file,
      ).toContain(file);
    }
  }, 120_000);

  it('names edited events of audit.jsonl', async () => {
    const order = await zipNames(bundle);
    const lines = readFileSync(path.join(unpacked, 'audit.jsonl'), 'utf8').split('\n');
    const third = JSON.parse(lines[2] ?? '{}') as { actor: string };
    lines[2] = JSON.stringify({ ...third, actor: 'someone else' });
    const altered = path.join(ws.root, 'altered-audit.zip');
    await repack(unpacked, order, altered, '', { file: 'audit.jsonl', bytes: Buffer.from(lines.join('\n')) });
    const failed = (await verifyBundle(altered)).checks.filter((c) => !c.ok).map((c) => c.subject);
    expect(failed).toEqual(expect.arrayContaining(['audit.jsonl', 'audit.jsonl event 3']));
  });

  it('writes a UTF-8 CSV with a BOM that parses back with Chinese and Korean intact and no live formula', () => {
    const raw = readFileSync(path.join(unpacked, 'artifacts.csv'));
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // TextDecoder consumes the BOM, as Excel does.
    const rows = parseCsv(new TextDecoder('utf-8', { fatal: true }).decode(raw));
    const [header, ...body] = rows;
    expect(header?.slice(0, 3)).toEqual(['id', 'path', 'archive']);
    expect(body).toHaveLength(manifestOf(unpacked).artifacts.length);
    expect(body.every((r) => r.length === header?.length)).toBe(true);
    const col = (name: string): number => header?.indexOf(name) ?? -1;
    const member = body.find((r) => r[col('path')] === 'pack.zip!/inner/说明.txt');
    expect(member?.[col('archive')]).toBe('pack.zip');
    expect(body.find((r) => r[col('path')] === HOSTILE_NAME)).toBeDefined();
    expect(body.find((r) => r[col('path')] === `'${FORMULA_NAME}`)).toBeDefined();
    expect(body.every((r) => r.every((cell) => !/^[=+\-@]/.test(cell)))).toBe(true);
    expect(body.find((r) => r[col('path')] === 'notes/ko-note.txt')?.[col('tags')]).toBe('Invincible (confirmed, high)');
    expect(body.find((r) => r[col('path')] === 'frame.jpg')?.[col('notes')]).toContain('원화 stamp');
  });

  it('writes CASE/UCO JSON-LD whose every node has @id and @type, hashes pair method and value, and references resolve', () => {
    const doc = JSON.parse(readFileSync(path.join(unpacked, 'case.jsonld'), 'utf8')) as {
      '@context': Record<string, string>;
      '@graph': unknown[];
    };
    expect(Object.keys(doc)).toEqual(['@context', '@graph']);
    const nodes: Record<string, unknown>[] = [];
    const refs: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) return v.forEach(walk);
      if (!v || typeof v !== 'object') return;
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length === 1 && keys[0] === '@id') refs.push(String(o['@id']));
      else if ('@value' in o) expect(o['@type'], JSON.stringify(o)).toBeTypeOf('string');
      else {
        expect(o['@id'], JSON.stringify(o).slice(0, 200)).toBeTypeOf('string');
        expect(o['@type'], JSON.stringify(o).slice(0, 200)).toBeTypeOf('string');
        nodes.push(o);
      }
      for (const k of keys) if (k !== '@id' && k !== '@type') walk(o[k]);
    };
    walk(doc['@graph']);
    const ids = new Set(nodes.map((n) => String(n['@id'])));
    expect(ids.size).toBe(nodes.length);
    expect(refs.filter((r) => !ids.has(r))).toEqual([]);
    const prefixes = new Set(Object.keys(doc['@context']));
    const used = [...nodes.flatMap((n) => [String(n['@type']), String(n['@id']), ...Object.keys(n)])].filter((t) => !t.startsWith('@'));
    expect(used.map((t) => t.split(':')[0]).filter((p) => !prefixes.has(p ?? ''))).toEqual([]);
    const types = new Set(nodes.map((n) => n['@type']));
    for (const t of [
      'uco-observable:File',
      'uco-observable:FileFacet',
      'uco-observable:ContentDataFacet',
      'uco-types:Hash',
      'case-investigation:ProvenanceRecord',
      'case-investigation:InvestigativeAction',
      'case-investigation:Investigation',
      'uco-core:Annotation',
      'uco-identity:Person',
      'uco-tool:Tool',
      'uco-observable:ObservableRelationship',
    ])
      expect(types).toContain(t);
    const hashes = nodes.filter((n) => n['@type'] === 'uco-types:Hash');
    for (const h of hashes) {
      expect(h['uco-types:hashMethod']).toMatchObject({
        '@type': 'uco-vocabulary:HashNameVocab',
        '@value': expect.stringMatching(/^(SHA256|SHA1|MD5)$/),
      });
      expect(h['uco-types:hashValue']).toMatchObject({ '@type': 'xsd:hexBinary', '@value': expect.stringMatching(/^[0-9a-f]+$/) });
    }
    const actions = nodes.filter((n) => n['@type'] === 'case-investigation:InvestigativeAction').map((n) => n['uco-core:name']);
    expect(actions).toEqual(expect.arrayContaining(['ingest', 'export']));
  });

  it('writes a self-contained report: strict CSP, no external reference, hostile text escaped, titles highlighted', () => {
    const html = readFileSync(path.join(unpacked, 'report.html'), 'utf8');
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'sha256-[^']+'; base-uri 'none'; form-action 'none'">/,
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(?!data:|#)/);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;script&gt; &amp; &quot;x&quot;.txt');
    expect(html).toContain('&lt;img src=x onerror=alert(3)&gt;');
    expect(html).toContain('<strong>Key frame</strong>');
    expect(html).toMatch(/<mark>(INVINCIBLE|인빈서블)<\/mark>/);
    expect(html).toMatch(/<svg viewBox="0 0 320 240"[^>]*><rect x="40" y="30" width="120" height="80">/);
    expect(html).toContain('2 requests from CN (2 addresses)');
    expect(html).toMatch(/<img src="data:image\/jpeg;base64,/);
  });
});

describe('import', () => {
  it('opens a bundle as a new case whose re-export has the same manifest apart from the export block', async () => {
    const first = path.join(ws.root, 'first.zip');
    expect((await exportTo(reviewed.caseDir, first)).status).toBe('done');
    const imported = path.join(ws.root, 'imported-case');
    const summary = await importBundle({ bundle: first, dir: imported }, ws.ctx);
    expect(summary.importedFrom).toMatchObject({ bundle: first, originals: false, exportedBy: EXAMINER });
    expect(caseInfo(imported).importedFrom?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyAudit(imported).ok).toBe(true);
    expect(listAudit({ dir: imported, action: 'case.imported', offset: 0, limit: 1 }).items[0]?.details).toMatchObject({
      exportId: expect.any(String),
    });
    const second = path.join(ws.root, 'second.zip');
    expect((await exportTo(imported, second)).status).toBe('done');
    expect((await verifyBundle(second)).ok).toBe(true);
    const [a, b] = [first, second].map((zip, i) => {
      const dir = path.join(ws.root, `roundtrip-${i}`);
      unzipTo(zip, dir);
      return { manifest: manifestOf(dir), csv: readFileSync(path.join(dir, 'artifacts.csv')) };
    });
    if (!a || !b) throw new Error('unpacked');
    // Per-run: the export block (id, time, audit head and length), and the files that state them.
    const perRun = new Set(['README.txt', 'audit.jsonl', 'report.html', 'case.jsonld']);
    const { export: exportA, files: filesA, ...restA } = a.manifest;
    const { export: exportB, files: filesB, ...restB } = b.manifest;
    expect(restB).toEqual(restA);
    expect(filesB.map((f) => f.path)).toEqual(filesA.map((f) => f.path));
    expect(filesB.filter((f) => !perRun.has(f.path))).toEqual(filesA.filter((f) => !perRun.has(f.path)));
    expect(exportB.id).not.toBe(exportA.id);
    expect(exportB.audit.events).toBe(exportA.audit.events + 2);
    expect(b.csv.equals(a.csv)).toBe(true);
    // The imported case's evidence is not read from this machine, even where the recorded paths happen to exist.
    const withOriginals = path.join(ws.root, 'imported-originals.zip');
    expect((await exportTo(imported, withOriginals, { kind: 'case' }, { originals: true })).status).toBe('done');
    const c = await verifyBundleFile(withOriginals);
    expect(c.verification.ok).toBe(true);
    const originals = c.manifest?.artifacts.flatMap((x) => (x.original ? [x.original] : [])) ?? [];
    expect(originals.length).toBeGreaterThan(0);
    expect(originals.every((o) => 'omitted' in o && o.omitted.includes('imported from a bundle'))).toBe(true);
  }, 120_000);

  it('refuses a bundle that does not verify, and a folder that is not empty', async () => {
    const order = await zipNames(bundle);
    const altered = path.join(ws.root, 'tampered.zip');
    const bytes = Buffer.from(readFileSync(path.join(unpacked, 'artifacts.csv')));
    bytes[10] = (bytes[10] ?? 0) ^ 1;
    await repack(unpacked, order, altered, await zipComment(bundle), { file: 'artifacts.csv', bytes });
    await expect(importBundle({ bundle: altered, dir: path.join(ws.root, 'nope') }, ws.ctx)).rejects.toThrow(
      /does not verify.*artifacts\.csv/,
    );
    await expect(importBundle({ bundle, dir: reviewed.caseDir }, ws.ctx)).rejects.toThrow(/a case already exists/);
  });
});

describe('refusals', () => {
  it('refuses files that are not bundles, truncated bundles and zip bombs with one line', async () => {
    const text = path.join(ws.root, 'not-a-zip.zip');
    writeFileSync(text, 'hello');
    await expect(verifyBundle(text)).rejects.toThrow(/^not an Evidence Workbench bundle: .* is not a readable zip/);
    const foreign = path.join(ws.root, 'foreign.zip');
    writeFileSync(foreign, writeZip([{ name: 'a.txt', data: new TextEncoder().encode('x'), utf8Flag: true }]));
    await expect(verifyBundle(foreign)).rejects.toThrow(/has no manifest\.json/);
    const truncated = path.join(ws.root, 'truncated.zip');
    const whole = readFileSync(bundle);
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.byteLength * 0.6)));
    await expect(verifyBundle(truncated)).rejects.toThrow(/not a readable zip|damaged or truncated/);
    const bomb = path.join(ws.root, 'bomb.zip');
    const { deflateRawSync, crc32 } = await import('node:zlib');
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    writeFileSync(
      bomb,
      writeZip([
        { name: 'manifest.json', data: new TextEncoder().encode('{}'), utf8Flag: true },
        { name: 'zeros.bin', deflated: { data: deflateRawSync(zeros, { level: 9 }), size: zeros.byteLength, crc: crc32(zeros) } },
      ]),
    );
    const message = await verifyBundle(bomb).then(
      () => '',
      (e: Error) => e.message,
    );
    expect(message).toMatch(/^refused: zeros\.bin: .*zip bomb/);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('never overwrites an existing target without force, and replaces it with force', async () => {
    const target = path.join(ws.root, 'existing.zip');
    writeFileSync(target, 'keep me');
    await expect(exportTo(reviewed.caseDir, target)).rejects.toThrow(/exists already/);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    expect((await exportTo(reviewed.caseDir, target, { kind: 'case' }, { force: true })).status).toBe('done');
    expect((await verifyBundle(target)).ok).toBe(true);
    await expect(exportTo(reviewed.caseDir, path.join(reviewed.evidence, 'inside.zip'))).rejects.toThrow(/inside the evidence/);
    await expect(exportTo(reviewed.caseDir, path.join(ws.root, 'no-such-folder', 'x.zip'))).rejects.toThrow(/target folder does not exist/);
    expect(readdirSync(ws.root).filter((n) => n.includes('.partial-'))).toEqual([]);
  });

  it('exports one production, a saved search or a query', async () => {
    const production = path.join(ws.root, 'production.zip');
    expect((await exportTo(reviewed.caseDir, production, { kind: 'production', productionId: 'invincible' })).status).toBe('done');
    const v = await verifyBundleFile(production);
    expect(v.verification.ok).toBe(true);
    expect(v.manifest?.selection).toEqual({ kind: 'production', productionId: 'invincible', title: 'Invincible' });
    expect(v.manifest?.artifacts.every((a) => a.tags.some((t) => t.productionId === 'invincible'))).toBe(true);
    const saved = path.join(ws.root, 'saved.zip');
    expect((await exportTo(reviewed.caseDir, saved, { kind: 'saved', name: 'Korean notes' })).status).toBe('done');
    const s = await verifyBundleFile(saved);
    expect(s.manifest?.artifacts.map((a) => a.path)).toContain('notes/ko-note.txt');
    expect(s.manifest?.artifacts.map((a) => a.path)).not.toContain('notes/zh-note.txt');
    await expect(exportTo(reviewed.caseDir, path.join(ws.root, 'x.zip'), { kind: 'saved', name: 'nope' })).rejects.toThrow(
      /no saved search/,
    );
  });

  it('stops with EvidenceChanged, and leaves nothing at the target, when an original no longer matches the inventory', async () => {
    const target = path.join(ws.root, 'changed.zip');
    const file = path.join(reviewed.evidence, 'notes', 'zh-note.txt');
    const before = readFileSync(file);
    appendFileSync(file, 'tampered\n');
    try {
      const job = await exportTo(reviewed.caseDir, target, { kind: 'case' }, { originals: true });
      expect(job.status).toBe('failed');
      expect(job.message).toMatch(/^EvidenceChanged: notes\/zh-note\.txt \(artifact \d+\) no longer matches the inventory/);
      expect(existsSync(target)).toBe(false);
      expect(readdirSync(ws.root).filter((n) => n.includes('.partial-'))).toEqual([]);
      expect(listAudit({ dir: reviewed.caseDir, action: 'bundle.export-failed', offset: 0, limit: 1 }).items[0]?.details).toMatchObject({
        message: job.message,
      });
    } finally {
      writeFileSync(file, before);
    }
  });

  it('cancels, leaving nothing at the target', async () => {
    const target = path.join(ws.root, 'cancelled.zip');
    const job = await startExport({ dir: reviewed.caseDir, selection: { kind: 'case' }, target, originals: true }, ws.ctx);
    const done = await cancelExport(job.id);
    expect(done.status).toBe('cancelled');
    expect(existsSync(target)).toBe(false);
  });
});
