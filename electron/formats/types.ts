import type {
  DocumentIdentity,
  EncodingInfo,
  LogSummary,
  MetadataGroups,
  PageText,
  TimestampEntry,
  WorkStructure,
} from '../../shared/domain/extraction';
import type { LogRequestSink } from '../model/log-requests';

/** Random access to an artifact's bytes: a file opened read-only, or an archive member held in memory. */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
  /** The whole content, or its first `maxBytes` bytes. */
  readAll(maxBytes?: number): Promise<Uint8Array>;
}

export interface ExtractInput {
  /** File name (last path segment), used for extension hints only: content decides. */
  name: string;
  /** Path as shown to the analyst (relative to the source, `outer.zip!/dir/file.png` for members). */
  path: string;
  size: number;
  /** MIME type from magic bytes, when known. */
  mime?: string;
  source: ByteSource;
  /** Where an access log's requests go, one chunk at a time; without it they are counted but not kept. */
  logRequests?: LogRequestSink;
}

/** What one extractor contributes; the pipeline merges the outputs of every extractor that accepted the artifact. */
export interface ExtractorOutput {
  metadata?: MetadataGroups;
  text?: string;
  textTruncated?: boolean;
  encoding?: EncodingInfo;
  pages?: PageText[];
  timestamps?: TimestampEntry[];
  identity?: DocumentIdentity;
  logSummary?: LogSummary;
  structure?: WorkStructure;
  warnings?: string[];
}

export interface Extractor {
  readonly name: string;
  /** Bump when output changes, so cases can re-run the extractor. */
  readonly version: number;
  accepts(input: ExtractInput, head: Uint8Array): boolean;
  extract(input: ExtractInput): Promise<ExtractorOutput>;
}
