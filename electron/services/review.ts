import { createHash } from 'node:crypto';
import type { z } from 'zod';
import {
  type AddAnnotation,
  type AddNote,
  type Annotation,
  type ApplyLabel,
  type ArtifactReview,
  type CreateLabel,
  type DecideSuggestion,
  type Label,
  type Note,
  type RemoveTags,
  type ReviewChange,
  type SavedSearch,
  type SetStars,
  type SetTags,
  type Suggestion,
  type UndoResult,
} from '../../shared/domain/review';
import { AppError } from '../../shared/errors';
import { findProduction } from '../db/analysis-repo';
import { appendAudit } from '../db/audit-repo';
import { transaction, type Db } from '../db/database';
import {
  annotationById,
  annotationsOf,
  insertOp,
  insertTag,
  labels,
  labelsOf,
  liveRowId,
  liveTagId,
  markUndone,
  noteById,
  notesOf,
  opById,
  redoable,
  restore,
  savedSearches,
  snapshot,
  suggestionById,
  tagsOf,
  translationsOf,
  undoable,
  querySuggestions,
  type Change,
  type ReviewTable,
} from '../db/review-repo';
import { canonicalCaseDir, caseDb, writableCaseDb } from './case-store';
import type { Ctx } from './context';

/** Audit events list each changed row up to this many; a larger change is recorded by count and digest (rows kept in review_ops). */
const AUDITED_CHANGES = 1000;

/** A call's input as the contract's schema hands it over (defaults filled in). */
type Parsed<S extends z.ZodType> = z.output<S>;

/** Records every row a review call touches, before and after, for the audit trail and for undo. */
interface Recorder {
  now: string;
  examiner: string;
  track(table: ReviewTable, key: string | number, mutate: () => void): void;
  created(table: ReviewTable, create: () => number): number;
}

interface Outcome<T> {
  value: T;
  change: ReviewChange;
}

function requireArtifacts(db: Db, ids: readonly number[]): void {
  const missing = db
    .prepare('SELECT value FROM json_each(?) WHERE value NOT IN (SELECT id FROM artifacts) LIMIT 5')
    .all(JSON.stringify(ids)) as {
    value: number;
  }[];
  if (missing.length) throw new AppError('not_found', `no artifact ${missing.map((m) => m.value).join(', ')} in this case`);
}

function requireProduction(db: Db, id: string): string {
  const p = findProduction(db, id);
  if (!p)
    throw new AppError('invalid_input', `no production "${id}" on this case's watchlist (see the watchlist, or workbench production list)`);
  return p.title;
}

/**
 * Runs one review change in one transaction: the rows it touches are recorded before and after, the change is
 * appended to the audit trail and to the undo log, and every window of the case is told. Nothing is committed
 * unless all of it is.
 */
function change<T>(
  dir: string,
  examiner: string,
  action: string,
  ctx: Ctx,
  work: (db: Db, r: Recorder) => { value: T; summary: string; artifactIds: number[] },
): Outcome<T> {
  const db = writableCaseDb(dir, 'a review change');
  const changes: Change[] = [];
  const now = new Date().toISOString();
  const recorder: Recorder = {
    now,
    examiner,
    track(table, key, mutate) {
      const before = snapshot(db, table, key);
      mutate();
      const after = snapshot(db, table, key);
      if (JSON.stringify(before) !== JSON.stringify(after)) changes.push({ table, key, before, after });
    },
    created(table, create) {
      const key = create();
      changes.push({ table, key, before: null, after: snapshot(db, table, key) });
      return key;
    },
  };
  const result = transaction(db, () => {
    const done = work(db, recorder);
    if (changes.length === 0) return done;
    record(db, examiner, action, done.summary, done.artifactIds, changes, null);
    return done;
  });
  const reviewChange = { summary: result.summary, artifactIds: result.artifactIds };
  if (changes.length) ctx.emit('review.changed', { caseDir: canonicalCaseDir(dir), artifactIds: result.artifactIds, kinds: [action] });
  return { value: result.value, change: reviewChange };
}

function record(
  db: Db,
  examiner: string,
  action: string,
  summary: string,
  artifactIds: number[],
  changes: readonly Change[],
  undoes: number | null,
): number {
  const listed = changes.length <= AUDITED_CHANGES;
  const audit = appendAudit(db, examiner, action, {
    summary,
    artifactIds: artifactIds.length <= AUDITED_CHANGES ? artifactIds : { count: artifactIds.length, first: artifactIds.slice(0, 20) },
    ...(listed
      ? { changes }
      : { changeCount: changes.length, changesSha256: createHash('sha256').update(JSON.stringify(changes)).digest('hex') }),
    ...(undoes !== null ? { undoes } : {}),
  });
  return insertOp(db, audit.seq, examiner, action, changes, undoes);
}

const plural = (n: number, one: string): string => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

// ---- tags and suggestions ----

/**
 * Tags artifacts to a production (several productions per artifact are allowed; an artifact already tagged to
 * this production has its tag updated). Raises `not_found` (artifact) or `invalid_input` (production).
 */
export function setTags(input: Parsed<typeof SetTags>, ctx: Ctx): ReviewChange {
  return change(input.dir, input.examiner, 'tag.set', ctx, (db, r) => {
    requireArtifacts(db, input.artifactIds);
    const title = requireProduction(db, input.productionId);
    for (const artifactId of input.artifactIds) {
      const existing = liveTagId(db, artifactId, input.productionId);
      if (existing !== null) {
        r.track('tags', existing, () =>
          db
            .prepare('UPDATE tags SET status = ?, confidence = ?, rationale = ?, examiner = ?, updated_at = ? WHERE id = ?')
            .run(input.status, input.confidence, input.rationale, r.examiner, r.now, existing),
        );
        continue;
      }
      r.created('tags', () =>
        insertTag(db, {
          artifactId,
          productionId: input.productionId,
          status: input.status,
          confidence: input.confidence,
          rationale: input.rationale,
          evidence: null,
          suggestionId: null,
          examiner: r.examiner,
          createdAt: r.now,
        }),
      );
    }
    return {
      value: undefined,
      summary: `tagged ${plural(input.artifactIds.length, 'artifact')} ${title} (${input.status}, ${input.confidence})`,
      artifactIds: [...input.artifactIds],
    };
  }).change;
}

/** Removes the tags of a production from artifacts (retired, not deleted: undo brings them back). */
export function removeTags(input: Parsed<typeof RemoveTags>, ctx: Ctx): ReviewChange {
  return change(input.dir, input.examiner, 'tag.removed', ctx, (db, r) => {
    requireArtifacts(db, input.artifactIds);
    const title = requireProduction(db, input.productionId);
    const touched: number[] = [];
    for (const artifactId of input.artifactIds) {
      const existing = liveTagId(db, artifactId, input.productionId);
      if (existing === null) continue;
      touched.push(artifactId);
      r.track('tags', existing, () => db.prepare('UPDATE tags SET removed_at = ? WHERE id = ?').run(r.now, existing));
    }
    return { value: undefined, summary: `removed the ${title} tag from ${plural(touched.length, 'artifact')}`, artifactIds: touched };
  }).change;
}

/**
 * Accepts (a tag carrying the suggestion's evidence is created or updated) or dismisses a suggestion, in one call.
 * Raises `not_found`, or `conflict` when it was already decided that way.
 */
export function decideSuggestion(input: Parsed<typeof DecideSuggestion>, ctx: Ctx): Suggestion {
  return change(input.dir, input.examiner, `suggestion.${input.decision === 'accept' ? 'accepted' : 'dismissed'}`, ctx, (db, r) => {
    const s = suggestionById(db, input.id);
    if (!s) throw new AppError('not_found', `no suggestion ${input.id} in this case`);
    const status = input.decision === 'accept' ? 'accepted' : 'dismissed';
    if (s.status === status) throw new AppError('conflict', `suggestion ${input.id} is already ${status}`);
    let tagId: number | null = s.tagId;
    if (input.decision === 'accept') {
      requireProduction(db, s.productionId);
      const existing = liveTagId(db, s.artifactId, s.productionId);
      if (existing !== null) {
        r.track('tags', existing, () =>
          db
            .prepare(
              'UPDATE tags SET status = ?, confidence = ?, rationale = ?, evidence = ?, suggestion_id = ?, examiner = ?, updated_at = ? WHERE id = ?',
            )
            .run(input.status, input.confidence, input.rationale, JSON.stringify(s.hits), s.id, r.examiner, r.now, existing),
        );
        tagId = existing;
      } else {
        tagId = r.created('tags', () =>
          insertTag(db, {
            artifactId: s.artifactId,
            productionId: s.productionId,
            status: input.status,
            confidence: input.confidence,
            rationale: input.rationale,
            evidence: s.hits,
            suggestionId: s.id,
            examiner: r.examiner,
            createdAt: r.now,
          }),
        );
      }
    }
    r.track('suggestions', s.id, () =>
      db
        .prepare('UPDATE suggestions SET status = ?, decided_by = ?, decided_at = ?, tag_id = ? WHERE id = ?')
        .run(status, r.examiner, r.now, tagId, s.id),
    );
    const decided = suggestionById(db, s.id) as Suggestion;
    return { value: decided, summary: `${status} the suggestion ${s.productionTitle} for ${s.path}`, artifactIds: [s.artifactId] };
  }).value;
}

export function listSuggestions(q: {
  dir: string;
  artifactId?: number;
  productionId?: string;
  status?: string;
  offset: number;
  limit: number;
}): {
  total: number;
  items: Suggestion[];
} {
  return querySuggestions(caseDb(q.dir), q);
}

// ---- labels and stars ----

export const listLabels = (dir: string): Label[] => labels(caseDb(dir));

/** Creates a label (a name not already in use). Raises `conflict`. */
export function createLabel(input: Parsed<typeof CreateLabel>, ctx: Ctx): Label {
  return change(input.dir, input.examiner, 'label.created', ctx, (db, r) => {
    if (labels(db).some((l) => l.name.toLowerCase() === input.name.toLowerCase()))
      throw new AppError('conflict', `a label "${input.name}" exists already`);
    const id = r.created('labels', () =>
      Number(
        db.prepare('INSERT INTO labels (name, color, created_at) VALUES (?, ?, ?)').run(input.name, input.color.toLowerCase(), r.now)
          .lastInsertRowid,
      ),
    );
    return {
      value: { id, name: input.name, color: input.color.toLowerCase(), count: 0 },
      summary: `created the label ${input.name}`,
      artifactIds: [],
    };
  }).value;
}

/** Puts a label on artifacts or takes it off. Raises `not_found` (label or artifact). */
export function applyLabel(input: Parsed<typeof ApplyLabel>, ctx: Ctx): ReviewChange {
  return change(input.dir, input.examiner, input.applied ? 'label.applied' : 'label.removed', ctx, (db, r) => {
    requireArtifacts(db, input.artifactIds);
    const label = labels(db).find((l) => l.id === input.labelId);
    if (!label) throw new AppError('not_found', `no label ${input.labelId} in this case`);
    const touched: number[] = [];
    for (const artifactId of input.artifactIds) {
      const existing = liveRowId(db, 'artifact_labels', 'artifact_id = ? AND label_id = ?', artifactId, input.labelId);
      if (input.applied && existing === null) {
        touched.push(artifactId);
        r.created('artifact_labels', () =>
          Number(
            db
              .prepare('INSERT INTO artifact_labels (artifact_id, label_id, examiner, created_at) VALUES (?, ?, ?, ?)')
              .run(artifactId, input.labelId, r.examiner, r.now).lastInsertRowid,
          ),
        );
      } else if (!input.applied && existing !== null) {
        touched.push(artifactId);
        r.track('artifact_labels', existing, () =>
          db.prepare('UPDATE artifact_labels SET removed_at = ? WHERE id = ?').run(r.now, existing),
        );
      }
    }
    const verb = input.applied ? 'labelled' : 'took the label off';
    return { value: undefined, summary: `${verb} ${plural(touched.length, 'artifact')} ${label.name}`, artifactIds: touched };
  }).change;
}

export function setStars(input: Parsed<typeof SetStars>, ctx: Ctx): ReviewChange {
  return change(input.dir, input.examiner, input.starred ? 'star.added' : 'star.removed', ctx, (db, r) => {
    requireArtifacts(db, input.artifactIds);
    const touched: number[] = [];
    for (const artifactId of input.artifactIds) {
      const existing = liveRowId(db, 'stars', 'artifact_id = ?', artifactId);
      if (input.starred && existing === null) {
        touched.push(artifactId);
        r.created('stars', () =>
          Number(
            db.prepare('INSERT INTO stars (artifact_id, examiner, created_at) VALUES (?, ?, ?)').run(artifactId, r.examiner, r.now)
              .lastInsertRowid,
          ),
        );
      } else if (!input.starred && existing !== null) {
        touched.push(artifactId);
        r.track('stars', existing, () => db.prepare('UPDATE stars SET removed_at = ? WHERE id = ?').run(r.now, existing));
      }
    }
    return {
      value: undefined,
      summary: `${input.starred ? 'starred' : 'unstarred'} ${plural(touched.length, 'artifact')}`,
      artifactIds: touched,
    };
  }).change;
}

// ---- notes and annotations ----

export function addNote(input: Parsed<typeof AddNote>, ctx: Ctx): Note {
  return change(input.dir, input.examiner, 'note.added', ctx, (db, r) => {
    if (input.artifactId !== null) requireArtifacts(db, [input.artifactId]);
    const id = r.created('notes', () =>
      Number(
        db
          .prepare('INSERT INTO notes (artifact_id, body, examiner, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
          .run(input.artifactId, input.body, r.examiner, r.now, r.now).lastInsertRowid,
      ),
    );
    const where = input.artifactId === null ? 'the case' : `artifact ${input.artifactId}`;
    return {
      value: noteById(db, id) as Note,
      summary: `wrote a note on ${where}`,
      artifactIds: input.artifactId === null ? [] : [input.artifactId],
    };
  }).value;
}

export function editNote(input: { dir: string; examiner: string; id: number; body: string }, ctx: Ctx): Note {
  return change(input.dir, input.examiner, 'note.edited', ctx, (db, r) => {
    const note = noteById(db, input.id);
    if (!note) throw new AppError('not_found', `no note ${input.id} in this case`);
    r.track('notes', input.id, () =>
      db.prepare('UPDATE notes SET body = ?, examiner = ?, updated_at = ? WHERE id = ?').run(input.body, r.examiner, r.now, input.id),
    );
    return {
      value: noteById(db, input.id) as Note,
      summary: `edited note ${input.id}`,
      artifactIds: note.artifactId === null ? [] : [note.artifactId],
    };
  }).value;
}

export function removeNote(input: { dir: string; examiner: string; id: number }, ctx: Ctx): ReviewChange {
  return change(input.dir, input.examiner, 'note.removed', ctx, (db, r) => {
    const note = noteById(db, input.id);
    if (!note) throw new AppError('not_found', `no note ${input.id} in this case`);
    r.track('notes', input.id, () => db.prepare('UPDATE notes SET removed_at = ? WHERE id = ?').run(r.now, input.id));
    return { value: undefined, summary: `removed note ${input.id}`, artifactIds: note.artifactId === null ? [] : [note.artifactId] };
  }).change;
}

export const caseNotes = (dir: string): Note[] => notesOf(caseDb(dir), null);

export function addAnnotation(input: Parsed<typeof AddAnnotation>, ctx: Ctx): Annotation {
  return change(input.dir, input.examiner, 'annotation.added', ctx, (db, r) => {
    requireArtifacts(db, [input.artifactId]);
    const { page, x, y, width, height } = input.region;
    const id = r.created('annotations', () =>
      Number(
        db
          .prepare(
            'INSERT INTO annotations (artifact_id, page, x, y, width, height, note, tag_id, examiner, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(input.artifactId, page, x, y, width, height, input.note, input.tagId ?? null, r.examiner, r.now, r.now).lastInsertRowid,
      ),
    );
    const where = page === null ? '' : ` on page ${page}`;
    return {
      value: annotationById(db, id) as Annotation,
      summary: `annotated a region${where} of artifact ${input.artifactId}`,
      artifactIds: [input.artifactId],
    };
  }).value;
}

export function editAnnotation(
  input: {
    dir: string;
    examiner: string;
    id: number;
    note: string;
    region?: { page: number | null; x: number; y: number; width: number; height: number };
  },
  ctx: Ctx,
): Annotation {
  return change(input.dir, input.examiner, 'annotation.edited', ctx, (db, r) => {
    const current = annotationById(db, input.id);
    if (!current) throw new AppError('not_found', `no annotation ${input.id} in this case`);
    const region = input.region ?? current;
    r.track('annotations', input.id, () =>
      db
        .prepare(
          'UPDATE annotations SET note = ?, page = ?, x = ?, y = ?, width = ?, height = ?, examiner = ?, updated_at = ? WHERE id = ?',
        )
        .run(input.note, region.page, region.x, region.y, region.width, region.height, r.examiner, r.now, input.id),
    );
    return {
      value: annotationById(db, input.id) as Annotation,
      summary: `edited annotation ${input.id}`,
      artifactIds: [current.artifactId],
    };
  }).value;
}

export function removeAnnotation(input: { dir: string; examiner: string; id: number }, ctx: Ctx): ReviewChange {
  return change(input.dir, input.examiner, 'annotation.removed', ctx, (db, r) => {
    const current = annotationById(db, input.id);
    if (!current) throw new AppError('not_found', `no annotation ${input.id} in this case`);
    r.track('annotations', input.id, () => db.prepare('UPDATE annotations SET removed_at = ? WHERE id = ?').run(r.now, input.id));
    return { value: undefined, summary: `removed annotation ${input.id}`, artifactIds: [current.artifactId] };
  }).change;
}

// ---- saved searches ----

export const listSavedSearches = (dir: string): SavedSearch[] => savedSearches(caseDb(dir));

export function saveSearch(input: { dir: string; examiner: string; name: string; query: Record<string, unknown> }, ctx: Ctx): SavedSearch {
  return change(input.dir, input.examiner, 'search.saved', ctx, (db, r) => {
    const existing = savedSearches(db).find((s) => s.name === input.name);
    if (existing) {
      r.track('saved_searches', existing.id, () =>
        db
          .prepare('UPDATE saved_searches SET query = ?, examiner = ? WHERE id = ?')
          .run(JSON.stringify(input.query), r.examiner, existing.id),
      );
    } else {
      r.created('saved_searches', () =>
        Number(
          db
            .prepare('INSERT INTO saved_searches (name, query, examiner, created_at) VALUES (?, ?, ?, ?)')
            .run(input.name, JSON.stringify(input.query), r.examiner, r.now).lastInsertRowid,
        ),
      );
    }
    return {
      value: savedSearches(db).find((s) => s.name === input.name) as SavedSearch,
      summary: `saved the search ${input.name}`,
      artifactIds: [],
    };
  }).value;
}

export function removeSearch(input: { dir: string; examiner: string; id: number }, ctx: Ctx): ReviewChange {
  return change(input.dir, input.examiner, 'search.removed', ctx, (db, r) => {
    const existing = savedSearches(db).find((s) => s.id === input.id);
    if (!existing) throw new AppError('not_found', `no saved search ${input.id} in this case`);
    r.track('saved_searches', input.id, () => db.prepare('UPDATE saved_searches SET removed_at = ? WHERE id = ?').run(r.now, input.id));
    return { value: undefined, summary: `removed the saved search ${existing.name}`, artifactIds: [] };
  }).change;
}

// ---- one artifact's review ----

/** Everything decided about one artifact and what is suggested for it. Raises `not_found`. */
export function artifactReview(dir: string, artifactId: number): ArtifactReview {
  const db = caseDb(dir);
  requireArtifacts(db, [artifactId]);
  return {
    artifactId,
    starred: liveRowId(db, 'stars', 'artifact_id = ?', artifactId) !== null,
    tags: tagsOf(db, artifactId),
    labels: labelsOf(db, artifactId),
    notes: notesOf(db, artifactId),
    annotations: annotationsOf(db, artifactId),
    suggestions: querySuggestions(db, { artifactId, offset: 0, limit: 100 }).items,
    translations: translationsOf(db, artifactId),
  };
}

// ---- undo and redo ----

function undoState(db: Db, examiner: string): Pick<UndoResult, 'canUndo' | 'canRedo'> {
  return { canUndo: undoable(db, examiner) !== null, canRedo: redoable(db, examiner) !== null };
}

const artifactIdsOf = (changes: readonly Change[]): number[] => [
  ...new Set(changes.map((c) => Number((c.after ?? c.before)?.artifact_id)).filter((n) => Number.isInteger(n) && n > 0)),
];

/**
 * Reverts the examiner's latest review change. The undo is itself a change in the audit trail (nothing is deleted
 * from it), and redo re-applies it. Raises `conflict` when restoring would collide with a newer change.
 */
export function undo(input: { dir: string; examiner: string }, ctx: Ctx): UndoResult {
  const db = writableCaseDb(input.dir, 'undo');
  const done = transaction(db, () => {
    const op = undoable(db, input.examiner);
    if (!op) return null;
    const now = new Date().toISOString();
    const reverted: Change[] = [];
    for (const c of [...op.changes].reverse()) {
      const current = snapshot(db, c.table, c.key);
      try {
        restore(db, c.table, c.key, c.before, now);
      } catch (e) {
        throw new AppError('conflict', `cannot undo: ${e instanceof Error ? e.message : String(e)} (a newer change is in the way)`);
      }
      reverted.push({ table: c.table, key: c.key, before: current, after: snapshot(db, c.table, c.key) });
    }
    const summary = `undid: ${summaryOf(db, op.id)}`;
    const artifactIds = artifactIdsOf(op.changes);
    const undoId = record(db, input.examiner, 'review.undo', summary, artifactIds, reverted, op.id);
    markUndone(db, op.id, undoId);
    return { summary, artifactIds };
  });
  if (done) ctx.emit('review.changed', { caseDir: canonicalCaseDir(input.dir), artifactIds: done.artifactIds, kinds: ['review.undo'] });
  return { done, ...undoState(db, input.examiner) };
}

/** Re-applies the examiner's latest undone change, when nothing new was done since. */
export function redo(input: { dir: string; examiner: string }, ctx: Ctx): UndoResult {
  const db = writableCaseDb(input.dir, 'redo');
  const done = transaction(db, () => {
    const undoOp = redoable(db, input.examiner);
    if (!undoOp || undoOp.undoes === null) return null;
    const original = opById(db, undoOp.undoes);
    if (!original) return null;
    const now = new Date().toISOString();
    const reapplied: Change[] = [];
    for (const c of original.changes) {
      const current = snapshot(db, c.table, c.key);
      restore(db, c.table, c.key, c.after, now);
      reapplied.push({ table: c.table, key: c.key, before: current, after: snapshot(db, c.table, c.key) });
    }
    const summary = `redid: ${summaryOf(db, original.id)}`;
    const artifactIds = artifactIdsOf(original.changes);
    const redoId = record(db, input.examiner, 'review.redo', summary, artifactIds, reapplied, undoOp.id);
    markUndone(db, undoOp.id, redoId);
    return { summary, artifactIds };
  });
  if (done) ctx.emit('review.changed', { caseDir: canonicalCaseDir(input.dir), artifactIds: done.artifactIds, kinds: ['review.redo'] });
  return { done, ...undoState(db, input.examiner) };
}

export const undoStatus = (dir: string, examiner: string): UndoResult => ({ done: null, ...undoState(caseDb(dir), examiner) });

function summaryOf(db: Db, opId: number): string {
  const row = db
    .prepare('SELECT a.details AS details FROM review_ops o JOIN audit_log a ON a.seq = o.audit_seq WHERE o.id = ?')
    .get(opId) as { details: string } | undefined;
  return row ? String((JSON.parse(row.details) as { summary?: string }).summary ?? 'a review change') : 'a review change';
}
