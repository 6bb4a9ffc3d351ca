import { z } from 'zod';
import { ArtifactDetail, ArtifactPage, ArtifactQuery, FolderQuery, FolderSummary } from '../domain/artifact';
import { CaseRef, CaseSummary, NewCase, RecentCase } from '../domain/case';
import { IngestJob, IngestProgress, StartIngest } from '../domain/ingest';
import { ArtifactPreview, PreviewRequest } from '../domain/preview';
import { SearchHit, SearchQuery, TimelineEvent, TimelineQuery } from '../domain/search';
import { Source } from '../domain/source';

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
  'artifacts.preview': proc(PreviewRequest, ArtifactPreview),
  'search.query': proc(SearchQuery, z.array(SearchHit)),
  'timeline.list': proc(TimelineQuery, z.array(TimelineEvent)),
} as const;

/** Events the backend pushes to every connected renderer. */
export const events = {
  'ingest.progress': IngestProgress,
  'ingest.finished': IngestJob,
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
