import { createHash } from 'node:crypto';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import schema from '../../../shared/schemas/bundle-manifest.schema.json';
import {
  AuditLine,
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type BundleCheck,
  type BundleManifest,
  type BundleVerification,
} from '../../../shared/domain/bundle';
import { insertAuditRow } from '../../db/bundle-repo';
import { createMemoryDatabase } from '../../db/database';
import { verifyAuditTrail } from '../../db/audit-repo';
import { readBundle, type OpenBundle } from './bundle-reader';
import { commentFingerprint, parseSums, SUMS_FILE } from './sums';

/*
 * Verifies a bundle without trusting anything in it but what it can check: every file against SHA256SUMS, SHA256SUMS
 * against the fingerprint in the zip comment, the manifest against the JSON Schema this workbench ships (not the copy
 * inside the bundle), every file against the manifest's own file table, every original against the inventory hashes
 * the manifest states, and the audit trail's hash chain from audit.jsonl alone, ending in this export's event.
 */

/** Compiled on first use (about 250 ms): a process that never verifies a bundle never pays for it. */
let manifestValidator: ValidateFunction | undefined;
const validateManifest = (): ValidateFunction => (manifestValidator ??= new Ajv2020({ allErrors: false, strict: false }).compile(schema));

export interface VerifiedBundle {
  verification: BundleVerification;
  manifest: BundleManifest | null;
  audit: AuditLine[];
}

const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

function auditChecks(bundle: OpenBundle, manifest: BundleManifest | null, checks: BundleCheck[]): AuditLine[] {
  const bytes = bundle.parsed.get('audit.jsonl');
  if (!bytes) {
    checks.push({ kind: 'audit', subject: 'audit.jsonl', ok: false, message: 'the audit trail is missing from the bundle' });
    return [];
  }
  const lines: AuditLine[] = [];
  const text = bytes.toString('utf8');
  for (const [i, raw] of text.split('\n').entries()) {
    if (!raw) continue;
    let parsed: ReturnType<typeof AuditLine.safeParse>;
    try {
      parsed = AuditLine.safeParse(JSON.parse(raw));
    } catch {
      checks.push({ kind: 'audit', subject: `audit.jsonl line ${i + 1}`, ok: false, message: 'not a JSON object (edited?)' });
      continue;
    }
    if (!parsed.success) {
      checks.push({
        kind: 'audit',
        subject: `audit.jsonl line ${i + 1}`,
        ok: false,
        message: 'not an audit event (fields missing or of the wrong type)',
      });
      continue;
    }
    lines.push(parsed.data);
  }
  // The same chain check as the case's own trail, on a scratch in-memory copy of the exported events.
  const scratch = createMemoryDatabase();
  try {
    for (const l of lines) {
      try {
        insertAuditRow(scratch, l);
      } catch {
        checks.push({ kind: 'audit', subject: `audit.jsonl event ${l.seq}`, ok: false, message: `event ${l.seq} appears twice` });
      }
    }
    const result = verifyAuditTrail(scratch);
    for (const p of result.problems)
      checks.push({ kind: 'audit', subject: `audit.jsonl event ${p.seq}`, ok: false, message: `${p.kind}: ${p.message}` });
    if (result.ok)
      checks.push({
        kind: 'audit',
        subject: 'audit.jsonl',
        ok: true,
        message: `hash chain of ${result.events} events verifies; head ${result.head}`,
      });
    if (manifest) {
      const a = manifest.export.audit;
      const last = lines.at(-1);
      if (result.events !== a.events || result.head !== a.head)
        checks.push({
          kind: 'audit',
          subject: 'audit.jsonl',
          ok: false,
          message: `the trail has ${result.events} events ending in ${result.head.slice(0, 16)}…; the manifest says ${a.events} ending in ${a.head.slice(0, 16)}…`,
        });
      const details = last ? safeJson(last.details) : null;
      const ids = sha256(JSON.stringify(manifest.artifacts.map((x) => x.id)));
      const isExport = last?.action === 'bundle.exported' && last.seq === a.exportEventSeq && details?.exportId === manifest.export.id;
      checks.push({
        kind: 'audit',
        subject: `audit.jsonl event ${last?.seq ?? 0}`,
        ok: isExport && details?.artifactIdsSha256 === ids,
        message: !isExport
          ? 'the trail does not end with this export'
          : details?.artifactIdsSha256 === ids
            ? `ends with this export (${manifest.export.id}) recording exactly the ${manifest.artifacts.length} artifacts of the manifest`
            : 'the export event records another list of artifacts than the manifest holds',
      });
    }
  } finally {
    scratch.close();
  }
  return lines;
}

function safeJson(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Reads and checks a bundle; see the file comment. Raises `invalid_input`/`not_found` (via readBundle) for non-bundles. */
export async function verifyBundleFile(file: string): Promise<VerifiedBundle> {
  const bundle = await readBundle(path.resolve(file));
  const checks: BundleCheck[] = [];
  const byName = new Map(bundle.entries.map((e) => [e.name, e]));
  for (const e of bundle.entries) if (e.problem) checks.push({ kind: 'structure', subject: e.name, ok: false, message: e.problem });

  // The fingerprint fixes SHA256SUMS, which fixes every other file.
  const sumsBytes = bundle.parsed.get(SUMS_FILE);
  const fingerprint = sumsBytes ? sha256(sumsBytes) : null;
  const stated = commentFingerprint(bundle.comment);
  const sumsChanged = !!(fingerprint && stated && fingerprint !== stated);
  if (!sumsBytes) checks.push({ kind: 'structure', subject: SUMS_FILE, ok: false, message: 'SHA256SUMS is missing' });
  else if (!stated)
    checks.push({
      kind: 'fingerprint',
      subject: SUMS_FILE,
      ok: true,
      message: `no fingerprint in the zip comment (re-packed?); SHA-256 of SHA256SUMS is ${fingerprint}`,
    });
  else
    checks.push({
      kind: 'fingerprint',
      subject: SUMS_FILE,
      ok: !sumsChanged,
      message: sumsChanged
        ? `SHA256SUMS was changed: its SHA-256 is ${fingerprint}, the bundle's fingerprint is ${stated}`
        : `fingerprint ${fingerprint}`,
    });

  let manifest: BundleManifest | null = null;
  const manifestBytes = bundle.parsed.get('manifest.json');
  const parsedManifest = manifestBytes ? safeJsonValue(manifestBytes.toString('utf8')) : undefined;
  if (parsedManifest === undefined) checks.push({ kind: 'schema', subject: 'manifest.json', ok: false, message: 'not valid JSON' });
  else if (!parsedManifest || typeof parsedManifest !== 'object' || (parsedManifest as { format?: unknown }).format !== BUNDLE_FORMAT)
    checks.push({
      kind: 'schema',
      subject: 'manifest.json',
      ok: false,
      message: `not an Evidence Workbench manifest (format is not ${BUNDLE_FORMAT})`,
    });
  else if ((parsedManifest as { version?: unknown }).version !== BUNDLE_VERSION)
    checks.push({
      kind: 'schema',
      subject: 'manifest.json',
      ok: false,
      message: `manifest version ${String((parsedManifest as { version?: unknown }).version)}; this workbench reads version ${BUNDLE_VERSION}`,
    });
  else if (!validateManifest()(parsedManifest)) {
    const errors = (validateManifest().errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
    checks.push({
      kind: 'schema',
      subject: 'manifest.json',
      ok: false,
      message: `does not follow the manifest schema: ${errors.join('; ')}`,
    });
  } else {
    manifest = parsedManifest as BundleManifest;
    checks.push({
      kind: 'schema',
      subject: 'manifest.json',
      ok: true,
      message: `follows the bundle manifest schema, version ${BUNDLE_VERSION}`,
    });
  }

  const sums = sumsBytes ? parseSums(sumsBytes.toString('utf8')) : { entries: [], problems: [] };
  for (const p of sums.problems) checks.push({ kind: 'structure', subject: SUMS_FILE, ok: false, message: p });
  const listed = new Map(sums.entries.map((s) => [s.path, s.sha256]));
  const inManifest = new Map((manifest?.files ?? []).map((f) => [f.path, f]));
  for (const e of bundle.entries) {
    if (e.name === SUMS_FILE) continue;
    const expected = listed.get(e.name);
    const recorded = inManifest.get(e.name);
    if (expected === undefined) {
      checks.push({ kind: 'file', subject: e.name, ok: false, message: 'not listed in SHA256SUMS (added to the bundle?)' });
    } else if (expected !== e.sha256) {
      // When SHA256SUMS itself changed and the file still matches the manifest, the changed line is the culprit.
      const blameSums = sumsChanged && recorded?.sha256 === e.sha256;
      checks.push({
        kind: 'file',
        subject: blameSums ? SUMS_FILE : e.name,
        ok: false,
        message: blameSums
          ? `its line for ${e.name} was changed (${e.name} itself matches the manifest)`
          : `SHA-256 ${e.sha256} differs from SHA256SUMS (${expected}): the file was changed`,
      });
    } else {
      checks.push({ kind: 'file', subject: e.name, ok: true, message: `SHA-256 ${e.sha256}` });
    }
    if (manifest && e.name !== 'manifest.json') {
      if (!recorded) checks.push({ kind: 'file', subject: e.name, ok: false, message: 'not in the manifest’s file list' });
      else if (recorded.sha256 !== e.sha256 || recorded.size !== e.size)
        checks.push({ kind: 'file', subject: e.name, ok: false, message: 'differs from the manifest’s file list (SHA-256 or size)' });
    }
  }
  for (const s of sums.entries)
    if (!byName.has(s.path))
      checks.push({ kind: 'file', subject: s.path, ok: false, message: 'listed in SHA256SUMS but missing from the bundle' });
  for (const f of manifest?.files ?? [])
    if (!byName.has(f.path))
      checks.push({ kind: 'file', subject: f.path, ok: false, message: 'listed in the manifest but missing from the bundle' });

  if (manifest) {
    for (const a of manifest.artifacts) {
      const refs = [a.text && 'file' in a.text ? a.text : null, a.logRequests, a.original && 'file' in a.original ? a.original : null];
      for (const ref of refs) {
        if (!ref) continue;
        const e = byName.get(ref.file);
        if (!e || e.sha256 !== ref.sha256)
          checks.push({
            kind: 'file',
            subject: ref.file,
            ok: false,
            message: `differs from what the manifest states for artifact ${a.id}`,
          });
      }
      if (!a.original || !('file' in a.original)) continue;
      const e = byName.get(a.original.file);
      const d = e?.digests;
      const same = !!d && d.sha256 === a.hashes.sha256 && d.sha1 === a.hashes.sha1 && d.md5 === a.hashes.md5 && e.size === a.size;
      checks.push({
        kind: 'original',
        subject: a.original.file,
        ok: same,
        message: same
          ? `same SHA-256, SHA-1 and MD5 as inventoried for ${a.path}`
          : `does not have the hashes inventoried for ${a.path} (artifact ${a.id})`,
      });
    }
  }
  const audit = auditChecks(bundle, manifest, checks);
  return {
    verification: {
      ok: checks.every((c) => c.ok),
      bundle: bundle.file,
      fingerprint,
      caseName: manifest?.case.name ?? null,
      exportedAt: manifest?.export.at ?? null,
      exportedBy: manifest?.export.by ?? null,
      artifacts: manifest?.artifacts.length ?? 0,
      files: bundle.entries.length,
      checks,
    },
    manifest,
    audit,
  };
}

function safeJsonValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The verification alone (what `bundles.verify` answers). */
export const verifyBundle = async (file: string): Promise<BundleVerification> => (await verifyBundleFile(file)).verification;
