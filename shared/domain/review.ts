import { z } from 'zod';
import { Production, ProductionAlias, Watchlist, WatchlistHit } from './analysis';

/*
 * The analyst's work on a case: the production watchlist, suggestions and the decisions on them, tags, labels,
 * stars, notes, region annotations, saved searches and the audit trail. Every change names its examiner: the
 * desktop tool has no login, so the examiner chosen when the case was opened travels with each call.
 */

const dir = z.string().min(1);
/** Who acts: written on the change and in the audit trail. */
export const Examiner = z.string().trim().min(1, 'examiner must not be empty').max(200);
const id = z.number().int().positive();
const ids = z.array(id).min(1).max(100_000);
const isoTime = z.string();

/** A production as the analyst edits it; a new one gets its id from its title. */
export const ProductionInput = z.object({
  id: z.string().trim().min(1).max(100).optional(),
  title: z.string().trim().min(1, 'title must not be empty').max(300),
  aliases: z.array(ProductionAlias).max(500).default([]),
  networks: z.array(z.string().trim().min(1)).max(50).default([]),
  studios: z.array(z.string().trim().min(1)).max(50).default([]),
  notes: z.string().max(10_000).default(''),
});
export type ProductionInput = z.input<typeof ProductionInput>;

export const ProductionSummary = Production.extend({
  /** Open suggestions and live tags pointing to it, for the watchlist view. */
  openSuggestions: z.number().int(),
  tagged: z.number().int(),
});
export type ProductionSummary = z.infer<typeof ProductionSummary>;

export const SaveProduction = z.object({ dir, examiner: Examiner, production: ProductionInput });
export const RemoveProduction = z.object({ dir, examiner: Examiner, id: z.string().min(1) });
export const ImportWatchlist = z.object({
  dir,
  examiner: Examiner,
  watchlist: Watchlist,
  /** Replace the case's list (productions not in the file are removed) instead of adding to it. */
  replace: z.boolean().default(false),
});

export const SuggestionStatus = z.enum(['open', 'accepted', 'dismissed']);
export type SuggestionStatus = z.infer<typeof SuggestionStatus>;

/** An automatic match of an artifact to a production: every hit is evidence (field, matched text, snippet, reason). */
export const Suggestion = z.object({
  id,
  artifactId: id,
  path: z.string(),
  productionId: z.string(),
  productionTitle: z.string(),
  score: z.number().min(0).max(1),
  hits: z.array(WatchlistHit),
  status: SuggestionStatus,
  decidedBy: z.string().nullable(),
  decidedAt: isoTime.nullable(),
  /** The tag accepting it created. */
  tagId: z.number().int().nullable(),
  /** Decided on evidence that is no longer found (the watchlist or the content changed since). */
  stale: z.boolean(),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const SuggestionQuery = z.object({
  dir,
  artifactId: id.optional(),
  productionId: z.string().optional(),
  status: SuggestionStatus.optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(10_000).default(200),
});
export type SuggestionQuery = z.input<typeof SuggestionQuery>;
export const SuggestionPage = z.object({ total: z.number().int(), items: z.array(Suggestion) });
export type SuggestionPage = z.infer<typeof SuggestionPage>;

export const TagStatus = z.enum(['suspected', 'confirmed', 'ruled-out']);
export type TagStatus = z.infer<typeof TagStatus>;
export const Confidence = z.enum(['low', 'medium', 'high']);
export type Confidence = z.infer<typeof Confidence>;

export const DecideSuggestion = z.object({
  dir,
  examiner: Examiner,
  id,
  decision: z.enum(['accept', 'dismiss']),
  /** For an accept: the tag it creates (suspected, medium by default; the suggestion's evidence goes with it). */
  status: TagStatus.default('suspected'),
  confidence: Confidence.default('medium'),
  rationale: z.string().max(20_000).default(''),
});
export type DecideSuggestion = z.input<typeof DecideSuggestion>;

/** The analyst's attribution of an artifact to a production. */
export const Tag = z.object({
  id,
  artifactId: id,
  productionId: z.string(),
  productionTitle: z.string(),
  status: TagStatus,
  confidence: Confidence,
  rationale: z.string(),
  /** The suggestion's hits when the tag came from accepting one. */
  evidence: z.array(WatchlistHit).nullable(),
  suggestionId: z.number().int().nullable(),
  examiner: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type Tag = z.infer<typeof Tag>;

export const SetTags = z.object({
  dir,
  examiner: Examiner,
  artifactIds: ids,
  productionId: z.string().min(1),
  status: TagStatus,
  confidence: Confidence.default('medium'),
  rationale: z.string().max(20_000).default(''),
});
export type SetTags = z.input<typeof SetTags>;
export const RemoveTags = z.object({ dir, examiner: Examiner, artifactIds: ids, productionId: z.string().min(1) });
export type RemoveTags = z.input<typeof RemoveTags>;

/** `#rrggbb`, so the UI and the report draw labels in the colour the analyst chose. */
export const LabelColor = z.string().regex(/^#[0-9a-f]{6}$/i, 'a colour is #rrggbb');
export const Label = z.object({ id, name: z.string(), color: LabelColor, count: z.number().int() });
export type Label = z.infer<typeof Label>;
export const CreateLabel = z.object({ dir, examiner: Examiner, name: z.string().trim().min(1).max(100), color: LabelColor });
export type CreateLabel = z.input<typeof CreateLabel>;
export const ApplyLabel = z.object({ dir, examiner: Examiner, artifactIds: ids, labelId: id, applied: z.boolean() });
export type ApplyLabel = z.input<typeof ApplyLabel>;
export const SetStars = z.object({ dir, examiner: Examiner, artifactIds: ids, starred: z.boolean() });
export type SetStars = z.input<typeof SetStars>;

/** A note in Markdown; `artifactId` null is a note on the whole case. */
export const Note = z.object({
  id,
  artifactId: id.nullable(),
  body: z.string(),
  examiner: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type Note = z.infer<typeof Note>;
const NoteBody = z.string().trim().min(1, 'a note must not be empty').max(200_000);
export const AddNote = z.object({ dir, examiner: Examiner, artifactId: id.nullable(), body: NoteBody });
export type AddNote = z.input<typeof AddNote>;
export const EditNote = z.object({ dir, examiner: Examiner, id, body: NoteBody });
export const RemoveNote = z.object({ dir, examiner: Examiner, id });

/**
 * A rectangle on an image (pixels of the artifact's own image) or on a PDF page (PDF user-space points of that
 * page, origin top-left): stored in the artifact's coordinates, so it survives zoom and re-render.
 */
export const Region = z.object({
  page: z.number().int().positive().nullable(),
  x: z.number().min(0),
  y: z.number().min(0),
  width: z.number().positive(),
  height: z.number().positive(),
});
export type Region = z.infer<typeof Region>;
export const Annotation = Region.extend({
  id,
  artifactId: id,
  note: z.string(),
  tagId: z.number().int().nullable(),
  examiner: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type Annotation = z.infer<typeof Annotation>;
export const AddAnnotation = z.object({
  dir,
  examiner: Examiner,
  artifactId: id,
  region: Region,
  note: z.string().max(20_000).default(''),
  tagId: id.optional(),
});
export type AddAnnotation = z.input<typeof AddAnnotation>;
export const EditAnnotation = z.object({ dir, examiner: Examiner, id, note: z.string().max(20_000), region: Region.optional() });
export const RemoveAnnotation = z.object({ dir, examiner: Examiner, id });

/** A Chinese note and a Korean note in two files that translate each other. */
export const TranslationLink = z.object({
  artifactId: id,
  path: z.string(),
  /** Which side the other file is. */
  language: z.enum(['zh', 'ko']),
  score: z.number(),
  reason: z.string(),
  sharedNumbers: z.array(z.string()),
  sharedTerms: z.array(z.string()),
});
export type TranslationLink = z.infer<typeof TranslationLink>;

/** Everything the analyst decided about one artifact, and what the analysis suggests. */
export const ArtifactReview = z.object({
  artifactId: id,
  starred: z.boolean(),
  tags: z.array(Tag),
  labels: z.array(Label.omit({ count: true })),
  notes: z.array(Note),
  annotations: z.array(Annotation),
  suggestions: z.array(Suggestion),
  translations: z.array(TranslationLink),
});
export type ArtifactReview = z.infer<typeof ArtifactReview>;

/** A change made by one review call, as undo and redo report it. */
export const ReviewChange = z.object({
  /** What was done or undone, in words: "tagged 5 artifacts Invincible (suspected)". */
  summary: z.string(),
  artifactIds: z.array(z.number().int()),
});
export type ReviewChange = z.infer<typeof ReviewChange>;
export const UndoRedo = z.object({ dir, examiner: Examiner });
export const UndoResult = z.object({ done: ReviewChange.nullable(), canUndo: z.boolean(), canRedo: z.boolean() });
export type UndoResult = z.infer<typeof UndoResult>;

/** Pushed after every committed review change, so other windows and tabs of the same case refresh what they show. */
export const ReviewChanged = z.object({ caseDir: z.string(), artifactIds: z.array(z.number().int()), kinds: z.array(z.string()) });
export type ReviewChanged = z.infer<typeof ReviewChanged>;

export const AuditEvent = z.object({
  seq: z.number().int(),
  at: isoTime,
  examiner: z.string(),
  action: z.string(),
  /** Artifacts the event concerns, where it concerns some. */
  artifactIds: z.array(z.number().int()),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;
export const AuditQuery = z.object({
  dir,
  examiner: z.string().optional(),
  action: z.string().optional(),
  artifactId: id.optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(10_000).default(500),
});
export type AuditQuery = z.input<typeof AuditQuery>;
export const AuditPage = z.object({ total: z.number().int(), items: z.array(AuditEvent) });
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditProblem = z.object({
  seq: z.number().int(),
  kind: z.enum(['edited', 'removed', 'inserted', 'reordered']),
  message: z.string(),
});
export type AuditProblem = z.infer<typeof AuditProblem>;
export const AuditVerification = z.object({
  ok: z.boolean(),
  events: z.number().int(),
  /** Hash of the last event: record it elsewhere (a bundle does) to detect events appended with a recomputed chain. */
  head: z.string(),
  problems: z.array(AuditProblem),
});
export type AuditVerification = z.infer<typeof AuditVerification>;

export const SavedSearch = z.object({
  id,
  name: z.string(),
  /** The view's query: search text and filters, as the artifact list takes them (without the case folder). */
  query: z.record(z.string(), z.unknown()),
  examiner: z.string(),
  createdAt: isoTime,
});
export type SavedSearch = z.infer<typeof SavedSearch>;
export const SaveSearch = z.object({
  dir,
  examiner: Examiner,
  name: z.string().trim().min(1).max(200),
  query: z.record(z.string(), z.unknown()),
});
export const RemoveSearch = z.object({ dir, examiner: Examiner, id });
