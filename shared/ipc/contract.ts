import { z } from 'zod';
import { ArtifactDetail, ArtifactFilters, ArtifactPage, ArtifactQuery, FolderQuery, FolderSummary } from '../domain/artifact';
import { CaseRef, CaseSummary, NewCase, RecentCase } from '../domain/case';
import { IngestJob, IngestProgress, StartIngest } from '../domain/ingest';
import { ArtifactPreview, PreviewRequest } from '../domain/preview';
import { LogAnalysis, LogRequestPage, LogRequestQuery, LogSummaryQuery } from '../domain/logs';
import { LocateQuery, SearchHit, SearchQuery, TextMatches, TimelinePage, TimelineQuery } from '../domain/search';
import { Production, Watchlist } from '../domain/analysis';
import {
  AddAnnotation,
  AddNote,
  Annotation,
  ApplyLabel,
  ArtifactReview,
  AuditPage,
  AuditQuery,
  AuditVerification,
  CreateLabel,
  DecideSuggestion,
  EditAnnotation,
  EditNote,
  ImportWatchlist,
  Label,
  Note,
  ProductionSummary,
  RemoveAnnotation,
  RemoveNote,
  RemoveProduction,
  RemoveSearch,
  RemoveTags,
  ReviewChange,
  ReviewChanged,
  SavedSearch,
  SaveProduction,
  SaveSearch,
  SetStars,
  SetTags,
  Suggestion,
  SuggestionPage,
  SuggestionQuery,
  UndoRedo,
  UndoResult,
} from '../domain/review';
import { Source } from '../domain/source';
import {
  BundleVerification,
  EstimateExport,
  ExportEstimate,
  ExportJob,
  ExportProgress,
  ImportBundle,
  StartExport,
  VerifyBundle,
} from '../domain/bundle';
import {
  AddReference,
  ClusterQuery,
  ListReferences,
  OcrJob,
  OcrProgress,
  ReferenceImage,
  ReferenceThumbnail,
  ReferenceThumbnailRequest,
  RemoveReference,
  SimilarArtifact,
  SimilarQuery,
  StartOcr,
  VisualCluster,
} from '../domain/visual';

const proc = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const AppInfo = z.object({
  version: z.string(),
  /** Where the renderer is hosted: the Electron shell or the loopback web host. */
  host: z.enum(['electron', 'web']),
  platform: z.string(),
  canPickFolders: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const PickedPath = z.object({ path: z.string().nullable() });
export type PickedPath = z.infer<typeof PickedPath>;

/** Every method the backend offers, defined once: name, input schema (validated by every transport), result. */
export const procedures = {
  'app.info': proc(z.void(), AppInfo),
  'cases.recent': proc(z.void(), z.array(RecentCase)),
  'cases.create': proc(NewCase, CaseSummary),
  'cases.open': proc(CaseRef, CaseSummary),
  'cases.info': proc(CaseRef, CaseSummary),
  /** Upgrades an older case to this build's schema, on explicit request only (opening never migrates). */
  'cases.migrate': proc(CaseRef, CaseSummary),
  'cases.forget': proc(CaseRef, z.array(RecentCase)),
  'dialogs.pickFolder': proc(z.object({ title: z.string().optional() }), PickedPath),
  'sources.list': proc(CaseRef, z.array(Source)),
  'ingest.start': proc(StartIngest, IngestJob),
  'ingest.cancel': proc(z.object({ dir: z.string().min(1), jobId: z.number().int() }), IngestJob),
  'ingest.jobs': proc(CaseRef, z.array(IngestJob)),
  'extract.rerun': proc(
    z.object({ dir: z.string().min(1), sourceId: z.number().int(), all: z.boolean().default(false) }),
    z.object({ invalidated: z.number().int(), job: IngestJob }),
  ),
  'artifacts.list': proc(ArtifactQuery, ArtifactPage),
  'artifacts.get': proc(z.object({ dir: z.string().min(1), id: z.number().int() }), ArtifactDetail),
  'artifacts.folders': proc(FolderQuery, z.array(FolderSummary)),
  /** A window of an artifact's extracted text (characters), so that no reply carries a huge text whole. */
  'artifacts.text': proc(
    z.object({
      dir: z.string().min(1),
      id: z.number().int(),
      offset: z.number().int().min(0),
      length: z.number().int().min(1).max(1_000_000),
    }),
    z.object({ offset: z.number().int(), text: z.string(), total: z.number().int() }),
  ),
  'artifacts.preview': proc(PreviewRequest, ArtifactPreview),
  /** Every artifact a filter selects (for bulk actions on "all matching"), at most 100,000. */
  'artifacts.select': proc(
    ArtifactFilters.extend({ dir: z.string().min(1) }),
    z.object({ ids: z.array(z.number().int()), capped: z.boolean() }),
  ),
  'search.query': proc(SearchQuery, z.array(SearchHit)),
  /** Every place a search matches in one artifact's text, so the text view can highlight them. */
  'search.locate': proc(LocateQuery, TextMatches),
  'timeline.list': proc(TimelineQuery, TimelinePage),
  /** One access log analysed: clients, networks, countries and regions, methods, uploads and downloads. */
  'logs.summary': proc(LogSummaryQuery, LogAnalysis),
  'logs.requests': proc(LogRequestQuery, LogRequestPage),
  'productions.list': proc(CaseRef, z.array(ProductionSummary)),
  'productions.save': proc(SaveProduction, Production),
  'productions.remove': proc(RemoveProduction, z.null()),
  'productions.import': proc(ImportWatchlist, z.array(ProductionSummary)),
  'productions.export': proc(CaseRef, Watchlist),
  'suggestions.list': proc(SuggestionQuery, SuggestionPage),
  'suggestions.decide': proc(DecideSuggestion, Suggestion),
  'tags.set': proc(SetTags, ReviewChange),
  'tags.remove': proc(RemoveTags, ReviewChange),
  'labels.list': proc(CaseRef, z.array(Label)),
  'labels.create': proc(CreateLabel, Label),
  'labels.apply': proc(ApplyLabel, ReviewChange),
  'stars.set': proc(SetStars, ReviewChange),
  'notes.add': proc(AddNote, Note),
  'notes.edit': proc(EditNote, Note),
  'notes.remove': proc(RemoveNote, ReviewChange),
  'notes.case': proc(CaseRef, z.array(Note)),
  'annotations.add': proc(AddAnnotation, Annotation),
  'annotations.edit': proc(EditAnnotation, Annotation),
  'annotations.remove': proc(RemoveAnnotation, ReviewChange),
  'review.get': proc(z.object({ dir: z.string().min(1), artifactId: z.number().int() }), ArtifactReview),
  'review.undo': proc(UndoRedo, UndoResult),
  'review.redo': proc(UndoRedo, UndoResult),
  'review.status': proc(UndoRedo, UndoResult),
  'audit.list': proc(AuditQuery, AuditPage),
  'audit.verify': proc(CaseRef, AuditVerification),
  'searches.list': proc(CaseRef, z.array(SavedSearch)),
  'searches.save': proc(SaveSearch, SavedSearch),
  'searches.remove': proc(RemoveSearch, ReviewChange),
  /** Starts writing a case bundle (one zip) in the background; `exports.progress` and `exports.finished` follow. */
  'exports.start': proc(StartExport, ExportJob),
  'exports.cancel': proc(z.object({ jobId: z.string().min(1) }), ExportJob),
  /** Exports this process runs or ran recently (a reloaded window picks up a running one). */
  'exports.list': proc(z.void(), z.array(ExportJob)),
  /** How many artifacts a selection covers, and what copying their originals would take. */
  'exports.estimate': proc(EstimateExport, ExportEstimate),
  /** Checks a bundle: every file's hash, the manifest schema, the originals, the audit chain. */
  'bundles.verify': proc(VerifyBundle, BundleVerification),
  /** Opens a bundle as a new case (the bundle must verify first). */
  'bundles.import': proc(ImportBundle, CaseSummary),
  /** OCR of a selection (or of every image and PDF without a text layer) in the background; resumes where it stopped. */
  'visual.ocr.start': proc(StartOcr, OcrJob),
  'visual.ocr.cancel': proc(z.object({ dir: z.string().min(1), jobId: z.number().int() }), OcrJob),
  /** The OCR jobs this process ran in the case, newest first (or the one asked for). */
  'visual.ocr.status': proc(z.object({ dir: z.string().min(1), jobId: z.number().int().optional() }), z.array(OcrJob)),
  /** Pictures near an artifact's, nearest first; hashes what has not been hashed yet first. */
  'visual.similar': proc(SimilarQuery, z.array(SimilarArtifact)),
  'visual.clusters': proc(ClusterQuery, z.array(VisualCluster)),
  'production.references.add': proc(AddReference, ReferenceImage),
  'production.references.remove': proc(RemoveReference, z.null()),
  'production.references.list': proc(ListReferences, z.array(ReferenceImage)),
  /** A reference image's picture, for the look-alike evidence beside the artifact's own. */
  'production.references.thumbnail': proc(ReferenceThumbnailRequest, ReferenceThumbnail),
} as const;

/** Events the backend pushes to every connected renderer. */
export const events = {
  'ingest.progress': IngestProgress,
  'ingest.finished': IngestJob,
  /** A review change was committed (by any window, tab or CLI of this process): views of those artifacts refresh. */
  'review.changed': ReviewChanged,
  'exports.progress': ExportProgress,
  'exports.finished': ExportJob,
  'visual.ocr.progress': OcrProgress,
  'visual.ocr.finished': OcrJob,
} as const;

export type Channel = keyof typeof procedures;
export type Input<C extends Channel> = z.input<(typeof procedures)[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<(typeof procedures)[C]['input']>;
export type Output<C extends Channel> = z.infer<(typeof procedures)[C]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

export const channels = Object.keys(procedures) as Channel[];

export const isChannel = (name: string): name is Channel => Object.hasOwn(procedures, name);
export const isEventName = (name: string): name is EventName => Object.hasOwn(events, name);
