import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { DatabaseSync } from '@photostructure/sqlite';
import { version } from '../../../package.json';
import schema from '../../../shared/schemas/bundle-manifest.schema.json';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type AuditLine,
  type EstimateExport,
  type ExportJob,
  type ExportPhase,
  type ManifestArtifact,
  type ManifestExport,
  type ManifestOriginal,
  type ManifestSelection,
  type ManifestText,
  type StartExport,
} from '../../../shared/domain/bundle';
import { AppError } from '../../../shared/errors';
import { listProductions } from '../../db/analysis-repo';
import { appendAudit, auditRows, type AuditRow } from '../../db/audit-repo';
import {
  analysisResult,
  analysisRow,
  artifactRows,
  ingestSpans,
  liveLabels,
  logActivity,
  logRequestCounts,
  logRequestLines,
  sourceRows,
  type ArtifactRow,
} from '../../db/bundle-repo';
import { readCaseInfo, readImportedFrom, type CaseInfo } from '../../db/case-repo';
import { transaction, type Db } from '../../db/database';
import { longTextIds, storedTextChunks } from '../../db/extraction-repo';
import { notesOf, savedSearches } from '../../db/review-repo';
import { logError } from '../../lib/log';
import { isInside } from '../../lib/paths';
import { CASE_DB_FILE, canonicalCaseDir, caseDb } from '../case-store';
import type { Ctx } from '../context';
import { BundleWriter, ExportCancelled, type EntryResult } from './bundle-writer';
import { CaseGraph, caseJsonLd } from './case-jsonld';
import { artifactCsvRow, CSV_BOM, CSV_HEADER, csvRow } from './csv';
import {
  artifactFacts,
  artifactRecordJson,
  ANALYSIS_FILE,
  INLINE_TEXT_MAX,
  isReviewed,
  logPath,
  readStoredExtraction,
  textPath,
  type ArtifactFacts,
} from './manifest';
import { checkOriginal, isCompressed, originalPath, originalRefusal, OriginalReader } from './originals';
import { bundleReadme } from './readme';
import { reportHtml, type ProductionSummary, type ReportCard, type TimelineRow } from './report';
import { resolveSelection } from './selection';
import { bundleComment, SUMS_FILE, sumsLine } from './sums';
import { thumbnailOf } from './thumbnail';

/** Cards in the report (reviewed artifacts); beyond this the report lists them in its table like the rest. */
const MAX_CARDS = 1000;
/** Rows of the report's closing table; every artifact is in artifacts.csv and manifest.json. */
const MAX_TABLE_ROWS = 5000;
const MAX_TIMELINE_ROWS = 2000;
const PROGRESS_MS = 250;
const TOOL_NAME = 'Evidence Workbench';

export const describeSelection = (s: ManifestSelection): string => {
  switch (s.kind) {
    case 'case':
      return 'the whole case';
    case 'filter':
      return `the artifacts matching the filter ${Object.entries(s.filters)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(', ')}`;
    case 'saved':
      return `the artifacts of the saved search “${s.name}”`;
    case 'production':
      return `everything tagged to the production ${s.title}`;
  }
};

const toAuditLine = (r: AuditRow): AuditLine => ({
  seq: r.seq,
  version: r.version,
  at: r.at,
  actor: r.actor,
  action: r.action,
  details: r.details,
  prevHash: r.prevHash,
  hash: r.hash,
});

/** Files of a source are relative to this folder: the folder itself, or the one holding a file or zip source. */
const evidenceRoot = (s: { path: string; kind: string }): string => (s.kind === 'folder' ? s.path : path.dirname(s.path));

const runs = new Map<string, ExportRun>();

class ExportRun {
  readonly job: ExportJob;
  private phase: ExportPhase = 'preparing';
  private currentPath: string | null = null;
  private lastProgress = 0;
  private readonly started = Date.now();
  private cancelled = false;
  readonly done: Promise<ExportJob>;

  constructor(
    private readonly ctx: Ctx,
    private readonly db: Db,
    private readonly caseDir: string,
    private readonly info: CaseInfo,
    private readonly input: { examiner: string; originals: boolean; force: boolean; recorded: ManifestSelection; ids: number[] },
    private readonly writer: BundleWriter,
    private readonly exportEvent: AuditRow,
    readonly id: string,
    private readonly exportedAt: string,
  ) {
    this.job = {
      id,
      caseDir,
      target: writer.target,
      status: 'running',
      startedAt: exportedAt,
      finishedAt: null,
      artifacts: input.ids.length,
      originals: input.originals,
      filesDone: 0,
      filesTotal: input.ids.length,
      bytesDone: 0,
      bytesTotal: 0,
      bundleBytes: null,
      fingerprint: null,
      message: null,
    };
    this.done = this.run();
  }

  cancel(): void {
    this.cancelled = true;
    this.writer.cancel();
  }

  private checkCancelled(): void {
    if (this.cancelled) throw new ExportCancelled();
  }

  private progress(phase: ExportPhase, force = false): void {
    const now = Date.now();
    if (!force && phase === this.phase && now - this.lastProgress < PROGRESS_MS) return;
    this.phase = phase;
    this.lastProgress = now;
    this.ctx.emit('exports.progress', {
      jobId: this.id,
      caseDir: this.caseDir,
      phase,
      filesDone: this.job.filesDone,
      filesTotal: this.job.filesTotal,
      bytesDone: this.job.bytesDone,
      bytesTotal: this.job.bytesTotal,
      currentPath: this.currentPath,
      elapsedSeconds: (now - this.started) / 1000,
    });
  }

  private finish(status: ExportJob['status'], message: string | null): ExportJob {
    Object.assign(this.job, { status, message, finishedAt: new Date().toISOString() });
    this.ctx.emit('exports.finished', { ...this.job });
    return { ...this.job };
  }

  private async run(): Promise<ExportJob> {
    // A read-only second connection inside one read transaction: the whole bundle describes one state of the case,
    // whatever the analyst (or another process) changes while it is written.
    const snapshot = new DatabaseSync(path.join(this.caseDir, CASE_DB_FILE), { readOnly: true });
    try {
      snapshot.exec('BEGIN');
      await this.write(snapshot);
      const size = await this.writer.commit(bundleComment(this.job.fingerprint ?? ''), this.input.force);
      this.job.bundleBytes = size;
      this.progress('finishing', true);
      return this.finish('done', null);
    } catch (e) {
      await this.writer.abort();
      const cancelled = e instanceof ExportCancelled;
      const message = cancelled ? 'cancelled; no bundle was written' : e instanceof Error ? e.message : String(e);
      if (!cancelled && !(e instanceof AppError)) logError('export', e);
      try {
        transaction(this.db, () =>
          appendAudit(this.db, this.input.examiner, cancelled ? 'bundle.export-cancelled' : 'bundle.export-failed', {
            exportId: this.id,
            target: this.writer.target,
            message,
          }),
        );
      } catch (auditError) {
        logError('recording the failed export', auditError);
      }
      return this.finish(cancelled ? 'cancelled' : 'failed', message);
    } finally {
      if (snapshot.isTransaction) snapshot.exec('ROLLBACK');
      snapshot.close();
    }
  }

  private async write(db: Db): Promise<void> {
    const { ids, originals } = this.input;
    const audit = auditRows(db).filter((r) => r.seq <= this.exportEvent.seq);
    if (audit.at(-1)?.hash !== this.exportEvent.hash) throw new AppError('internal', 'the export event is missing from the snapshot');
    const rows = artifactRows(db, ids);
    const inBundle = new Set(ids);
    const tool = `${TOOL_NAME} ${version}`;

    await this.writer.add('README.txt', [bundleReadme(this.info.name, this.exportedAt, this.input.examiner, tool)]);
    await this.writer.add('manifest.schema.json', [`${JSON.stringify(schema, null, 2)}\n`]);
    await this.writer.add(
      'audit.jsonl',
      audit.map((r) => `${JSON.stringify(toAuditLine(r))}\n`),
    );

    this.progress('text', true);
    const texts = new Map<number, ManifestText>();
    const long = longTextIds(db, INLINE_TEXT_MAX);
    for (const a of rows) {
      this.checkCancelled();
      if (!long.has(a.id)) continue;
      let length = 0;
      const chunks = storedTextChunks(db, a.id);
      const entry = await this.writer.add(
        textPath(a.id),
        (function* counted(): Generator<string> {
          for (const chunk of chunks) {
            length += chunk.length;
            yield chunk;
          }
        })(),
      );
      texts.set(a.id, { length, file: entry.path, sha256: entry.sha256 });
    }
    const logs = new Map<number, ManifestArtifact['logRequests']>();
    for (const [id, count] of logRequestCounts(db)) {
      if (!inBundle.has(id)) continue;
      const entry = await this.writer.add(logPath(id), logRequestLines(db, id));
      logs.set(id, { file: entry.path, sha256: entry.sha256, rows: count });
    }

    // Full analysis results, copied as stored (one JSON line per analysed artifact) rather than parsed into the manifest.
    await this.writer.add(
      ANALYSIS_FILE,
      (function* lines(): Generator<string> {
        for (const a of rows) {
          const result = analysisResult(db, a.id);
          if (result !== null) yield `{"id":${a.id},"result":${result}}\n`;
        }
      })(),
    );

    const originalsById = new Map<number, ManifestOriginal>();
    if (originals) await this.copyOriginals(db, rows, originalsById);

    this.progress('tables', true);
    const facts = rows.map((a) => artifactFacts(db, a, originalsById.get(a.id) ?? null));
    const labels = liveLabels(db);
    const labelNames = new Map(labels.map((l) => [l.id, l.name]));
    await this.writer.add('artifacts.csv', this.csv(facts, labelNames));
    const sources = sourceRows(db);
    const graph = new CaseGraph({
      caseId: this.info.id,
      caseName: this.info.name,
      caseDescription: this.info.description,
      caseExaminer: this.info.examiner,
      exportId: this.id,
      exportedAt: this.exportedAt,
      exportedBy: this.input.examiner,
      toolName: TOOL_NAME,
      toolVersion: version,
      selection: describeSelection(this.input.recorded),
      sources,
      ingests: ingestSpans(db),
    });
    await this.writer.add('case.jsonld', caseJsonLd(graph, facts));

    this.progress('report', true);
    await this.writer.add('report.html', reportHtml(await this.reportInput(db, facts, labels, tool)));

    this.progress('manifest', true);
    const header = {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      export: {
        id: this.id,
        at: this.exportedAt,
        by: this.input.examiner,
        tool: { name: TOOL_NAME, version },
        host: this.ctx.host,
        originals,
        audit: { file: 'audit.jsonl', events: audit.length, head: this.exportEvent.hash, exportEventSeq: this.exportEvent.seq },
      } satisfies ManifestExport,
      case: {
        id: this.info.id,
        name: this.info.name,
        description: this.info.description,
        examiner: this.info.examiner,
        createdAt: this.info.createdAt,
      },
      selection: this.input.recorded,
      counts: {
        artifacts: rows.length,
        tagged: facts.filter((f) => f.tags.length > 0).length,
        originals: [...originalsById.values()].filter((o) => 'file' in o).length,
        textFiles: texts.size,
      },
      sources,
      watchlist: listProductions(db),
      labels,
      caseNotes: notesOf(db, null),
      savedSearches: savedSearches(db),
    };
    const files = this.writer.entries.map((e) => ({ path: e.path, sha256: e.sha256, size: e.size }));
    await this.writer.add('manifest.json', this.manifest(db, header, facts, files, { inBundle, texts, logs }));

    const sums = this.writer.entries.map((e) => sumsLine(e.sha256, e.path)).join('');
    const sumsEntry = await this.writer.add(SUMS_FILE, [sums]);
    this.job.fingerprint = sumsEntry.sha256;
    this.progress('finishing', true);
  }

  /** manifest.json, written artifact by artifact: the header's keys, then `artifacts`, then `files`. */
  private async *manifest(
    db: Db,
    header: Record<string, unknown>,
    facts: readonly ArtifactFacts[],
    files: readonly { path: string; sha256: string; size: number }[],
    parts: {
      inBundle: ReadonlySet<number>;
      texts: ReadonlyMap<number, ManifestText>;
      logs: ReadonlyMap<number, ManifestArtifact['logRequests']>;
    },
  ): AsyncGenerator<string> {
    const head = JSON.stringify(header, null, 2);
    yield `${head.slice(0, -2)},\n  "artifacts": [`;
    let n = 0;
    for (const f of facts) {
      this.checkCancelled();
      const record = artifactRecordJson(db, f, {
        inBundle: parts.inBundle,
        text: parts.texts.get(f.row.id) ?? null,
        logRequests: parts.logs.get(f.row.id) ?? null,
      });
      yield `${n === 0 ? '\n' : ',\n'}    ${record}`;
      this.job.filesDone = ++n;
      this.progress('manifest');
      if (n % 200 === 0) await new Promise((r) => setImmediate(r));
    }
    yield `${n ? '\n  ' : ''}],\n  "files": ${JSON.stringify(files, null, 2).replace(/\n/g, '\n  ')}\n}\n`;
  }

  private *csv(facts: readonly ArtifactFacts[], labelNames: ReadonlyMap<number, string>): Generator<string> {
    yield CSV_BOM + csvRow(CSV_HEADER);
    for (const f of facts) yield artifactCsvRow(f, labelNames);
  }

  /**
   * Copies every readable file and member, grouped so each archive is opened once, each re-hashed on its way in.
   * A copy whose hashes differ from the inventory stops the whole export (EvidenceChanged); one that cannot be read
   * any more is left out with the reason, which the manifest and the report state.
   */
  private async copyOriginals(db: Db, rows: readonly ArtifactRow[], out: Map<number, ManifestOriginal>): Promise<void> {
    const wanted = rows.filter((a) => a.kind !== 'directory');
    // An imported case describes evidence kept elsewhere: its recorded paths are never read as if they were here.
    const imported = readImportedFrom(db) !== null;
    const copyable = wanted.filter((a) => {
      const refused = imported ? 'this case was imported from a bundle; its evidence files are not on this machine' : originalRefusal(a);
      if (refused) out.set(a.id, { omitted: refused });
      return !refused;
    });
    const order = (a: ArtifactRow): string => (a.kind === 'member' ? `1${String(a.sourceId).padStart(12, '0')}${a.path}` : '0');
    copyable.sort((a, b) => order(a).localeCompare(order(b)) || a.id - b.id);
    this.job.filesTotal = copyable.length;
    this.job.filesDone = 0;
    this.job.bytesTotal = copyable.reduce((n, a) => n + (a.size ?? 0), 0);
    this.progress('originals', true);
    const reader = new OriginalReader(db);
    try {
      for (const a of copyable) {
        this.checkCancelled();
        this.currentPath = a.path;
        const source = await reader.open(a);
        if ('omitted' in source) {
          out.set(a.id, source);
        } else if ('bytes' in source) {
          const sha256 = createHash('sha256').update(source.bytes).digest('hex');
          // Checked before anything of it is written: a changed original never enters the bundle.
          checkOriginal(a, sha256, source.bytes.byteLength);
          const entry = await this.writer.addWhole(originalPath(a), source.bytes, {
            compress: isCompressed(a.mime) ? false : 'auto',
            sha256,
          });
          out.set(a.id, { file: entry.path, sha256: entry.sha256 });
        } else {
          const entry: EntryResult = await this.writer.add(originalPath(a), source.chunks, {
            compress: isCompressed(a.mime) ? false : 'auto',
          });
          checkOriginal(a, entry.sha256, entry.size);
          out.set(a.id, { file: entry.path, sha256: entry.sha256 });
        }
        this.job.filesDone++;
        this.job.bytesDone += a.size ?? 0;
        this.progress('originals');
      }
    } finally {
      reader.close();
      this.currentPath = null;
    }
    this.job.filesTotal = rows.length;
    this.job.filesDone = 0;
  }

  private async reportInput(
    db: Db,
    facts: readonly ArtifactFacts[],
    labels: { id: number; name: string; color: string }[],
    tool: string,
  ): Promise<Parameters<typeof reportHtml>[0]> {
    const productions = new Map(listProductions(db).map((p) => [p.id, p]));
    const rank = (f: ArtifactFacts): number =>
      Math.max(0, ...f.tags.map((t) => (t.status === 'confirmed' ? 3 : t.status === 'suspected' ? 2 : 1)));
    const reviewed = facts
      .filter(isReviewed)
      .sort((a, b) => rank(b) - rank(a) || a.row.path.localeCompare(b.row.path))
      .slice(0, MAX_CARDS);
    const cards: ReportCard[] = [];
    for (const f of reviewed) {
      this.checkCancelled();
      const extraction = readStoredExtraction(db, f.row.id);
      const pictured = f.row.mime === 'application/pdf' || f.row.mime?.startsWith('image/');
      const analysis = analysisRow(db, f.row.id);
      cards.push({
        facts: f,
        text: extraction?.data.text ?? null,
        thumbnail: pictured ? await thumbnailOf(this.caseDir, f.row.id).catch((e: unknown) => ({ reason: String(e) })) : null,
        languages: (analysis?.languages ?? []).filter((l) => l !== 'und'),
      });
    }
    const summaries = new Map<string, ProductionSummary>();
    const strength = (t: ArtifactFacts['tags'][number], f: ArtifactFacts): number =>
      (t.status === 'confirmed' ? 30 : t.status === 'suspected' ? 20 : 0) +
      (t.confidence === 'high' ? 3 : t.confidence === 'medium' ? 2 : 1) +
      Math.max(0, ...f.suggestions.filter((s) => s.productionId === t.productionId).map((s) => s.score));
    const candidates = new Map<string, { f: ArtifactFacts; t: ArtifactFacts['tags'][number]; score: number }[]>();
    for (const f of facts) {
      for (const t of f.tags) {
        const p = productions.get(t.productionId);
        let s = summaries.get(t.productionId);
        if (!s) {
          s = {
            id: t.productionId,
            title: t.productionTitle,
            aliases: p ? [...new Set(p.aliases.filter((x) => x.kind === 'title').map((x) => x.text))].slice(0, 12) : [],
            counts: { confirmed: 0, suspected: 0, ruledOut: 0 },
            stages: [],
            strongest: [],
          };
          summaries.set(t.productionId, s);
        }
        if (t.status === 'confirmed') s.counts.confirmed++;
        else if (t.status === 'suspected') s.counts.suspected++;
        else s.counts.ruledOut++;
        if (t.status !== 'ruled-out') {
          const list = candidates.get(t.productionId) ?? [];
          list.push({ f, t, score: strength(t, f) });
          candidates.set(t.productionId, list);
        }
      }
    }
    for (const [id, s] of summaries) {
      const list = candidates.get(id) ?? [];
      const stages = new Map<string, number>();
      for (const { f } of list) if (f.stage) stages.set(f.stage, (stages.get(f.stage) ?? 0) + 1);
      s.stages = [...stages].sort((a, b) => b[1] - a[1]);
      s.strongest = list
        .sort((a, b) => b.score - a.score || a.f.row.id - b.f.row.id)
        .slice(0, 3)
        .map(({ f, t }) => {
          const hit = t.evidence?.[0] ?? f.suggestions.find((g) => g.productionId === t.productionId)?.hits[0];
          const reason = t.rationale || (hit ? `${hit.reason}: “${hit.text}” in ${hit.field}` : 'no reason written');
          return { artifactId: f.row.id, path: f.row.path, tag: t, reason };
        });
    }
    const tagged = facts.filter((f) => f.tags.length > 0);
    const timeline: TimelineRow[] = [];
    for (const f of tagged) {
      if (f.row.mtime) timeline.push({ at: f.row.mtime, what: 'File last modified', subject: f.row.path, artifactId: f.row.id });
      const card = cards.find((c) => c.facts === f);
      const stamps = card ? (readStoredExtraction(db, f.row.id)?.data.timestamps ?? []) : [];
      for (const t of stamps.slice(0, 4))
        timeline.push({ at: t.utc ?? t.value, what: t.label ?? t.field, subject: f.row.path, artifactId: f.row.id });
    }
    timeline.sort((a, b) => (a.at < b.at ? -1 : 1));
    return {
      caseName: this.info.name,
      caseDescription: this.info.description,
      caseExaminer: this.info.examiner,
      exportId: this.id,
      exportedAt: this.exportedAt,
      exportedBy: this.input.examiner,
      tool,
      selection: describeSelection(this.input.recorded),
      originals: this.input.originals,
      artifactCount: facts.length,
      labels: new Map(labels.map((l) => [l.id, { name: l.name, color: l.color }])),
      productions: [...summaries.values()].sort((a, b) => a.title.localeCompare(b.title)),
      timeline: timeline.slice(0, MAX_TIMELINE_ROWS),
      logDays: logActivity(
        db,
        facts.map((f) => f.row.id),
      ),
      cards,
      rows: facts.slice(0, MAX_TABLE_ROWS),
      rowsOmitted: Math.max(0, facts.length - MAX_TABLE_ROWS),
    };
  }
}

/**
 * Starts exporting a selection of a case to one zip and returns the running job; progress and the end come as
 * `exports.progress` and `exports.finished`. The export is recorded in the case's audit trail before anything is
 * written (the bundle carries that event), and a failure or cancel is recorded too. Raises `not_found` (case, target
 * folder, saved search, production), `conflict` (the target exists without `force`), `invalid_input` (a target inside
 * the evidence or the case folder's database), `io` (the target folder cannot be written).
 */
export async function startExport(raw: StartExport, ctx: Ctx): Promise<ExportJob> {
  const db = caseDb(raw.dir);
  const caseDir = canonicalCaseDir(raw.dir);
  const info = readCaseInfo(db);
  if (!info) throw new AppError('not_found', `no case record in ${caseDir}`);
  const target = path.resolve(raw.target);
  for (const s of sourceRows(db)) {
    // Evidence is never modified: not even a new file may appear inside an evidence folder.
    if (isInside(evidenceRoot(s), target))
      throw new AppError('invalid_input', `${target} is inside the evidence ${evidenceRoot(s)}; write the bundle somewhere else`);
  }
  if (target === path.join(caseDir, CASE_DB_FILE)) throw new AppError('invalid_input', 'the target is the case database');
  const examiner = raw.examiner?.trim() || info.examiner;
  const selection = resolveSelection(db, raw.selection);
  const id = randomUUID();
  const exportedAt = new Date().toISOString();
  const originals = raw.originals ?? false;
  const force = raw.force ?? false;
  const writer = await BundleWriter.create(target, force, new Date(exportedAt), id.slice(0, 8));
  let event: AuditRow;
  try {
    event = transaction(db, () =>
      appendAudit(db, examiner, 'bundle.exported', {
        exportId: id,
        selection: selection.recorded,
        target,
        originals,
        artifactCount: selection.ids.length,
        artifactIdsSha256: createHash('sha256').update(JSON.stringify(selection.ids)).digest('hex'),
        tool: `${TOOL_NAME} ${version}`,
        host: ctx.host,
      }),
    );
  } catch (e) {
    await writer.abort();
    throw e;
  }
  const run = new ExportRun(
    ctx,
    db,
    caseDir,
    info,
    { examiner, originals, force, recorded: selection.recorded, ids: selection.ids },
    writer,
    event,
    id,
    exportedAt,
  );
  runs.set(id, run);
  void run.done.finally(() => setTimeout(() => runs.delete(id), 60_000).unref());
  return { ...run.job };
}

/** Cancels a running export (nothing is left at the target) and resolves once it stopped. Raises `not_found`. */
export async function cancelExport(jobId: string): Promise<ExportJob> {
  const run = runs.get(jobId);
  if (!run) throw new AppError('not_found', `no export ${jobId} runs in this process`);
  run.cancel();
  return run.done;
}

/** Resolves with the export's final state. Raises `not_found`. */
export async function waitForExport(jobId: string): Promise<ExportJob> {
  const run = runs.get(jobId);
  if (!run) throw new AppError('not_found', `no export ${jobId} runs in this process`);
  return run.done;
}

/** Exports of this process, running and recently finished. */
export const listExports = (): ExportJob[] => [...runs.values()].map((r) => ({ ...r.job }));

/** Cancels every running export (shutdown): their temporary files are removed. */
export async function stopAllExports(): Promise<void> {
  await Promise.all([...runs.values()].filter((r) => r.job.status === 'running').map((r) => (r.cancel(), r.done)));
}

/** How many artifacts a selection covers and what copying their originals would take. */
export function estimateExport(input: EstimateExport): { artifacts: number; originals: number; originalBytes: number; tagged: number } {
  const db = caseDb(input.dir);
  const { ids } = resolveSelection(db, input.selection);
  const rows = artifactRows(db, ids);
  const copyable = rows.filter((a) => a.kind !== 'directory' && originalRefusal(a) === null);
  const tagged = db
    .prepare(
      'SELECT COUNT(DISTINCT artifact_id) AS n FROM tags WHERE removed_at IS NULL AND artifact_id IN (SELECT value FROM json_each(?))',
    )
    .get(JSON.stringify(ids)) as { n: number };
  return {
    artifacts: ids.length,
    originals: copyable.length,
    originalBytes: copyable.reduce((n, a) => n + (a.size ?? 0), 0),
    tagged: Number(tagged.n),
  };
}
