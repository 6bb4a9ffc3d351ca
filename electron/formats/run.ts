import type { Extraction, MetadataGroups } from '../../shared/domain/extraction';
import { extractors } from './registry';
import type { ExtractInput, ExtractorOutput } from './types';

const HEAD_BYTES = 64 * 1024;

function mergeMetadata(into: MetadataGroups, from: MetadataGroups | undefined): void {
  if (!from) return;
  for (const [group, tags] of Object.entries(from)) into[group] = { ...into[group], ...tags };
}

/** Merges one extractor's output; the first extractor to supply text, pages, identity or structure wins those fields. */
function merge(into: Extraction, out: ExtractorOutput): void {
  mergeMetadata(into.metadata, out.metadata);
  if (out.text !== undefined && into.text === undefined) {
    into.text = out.text;
    if (out.textTruncated) into.textTruncated = true;
  }
  if (out.encoding && !into.encoding) into.encoding = out.encoding;
  if (out.pages && !into.pages) into.pages = out.pages;
  if (out.identity && !into.identity) into.identity = out.identity;
  if (out.logSummary && !into.logSummary) into.logSummary = out.logSummary;
  if (out.structure && !into.structure) into.structure = out.structure;
  if (out.timestamps) into.timestamps.push(...out.timestamps);
  if (out.warnings) into.warnings.push(...out.warnings);
}

/**
 * Runs every extractor that accepts the artifact, one after another; a failing extractor is recorded and the
 * others still run. Time limits are enforced by the worker pool, which can terminate a stuck worker.
 */
export async function runExtractors(input: ExtractInput): Promise<Extraction> {
  const result: Extraction = { metadata: {}, timestamps: [], warnings: [], extractors: [] };
  const head = await input.source.read(0, HEAD_BYTES);
  for (const extractor of extractors) {
    if (!extractor.accepts(input, head)) continue;
    const started = performance.now();
    try {
      merge(result, await extractor.extract(input));
      result.extractors.push({ name: extractor.name, version: extractor.version, ms: Math.round(performance.now() - started) });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      result.extractors.push({
        name: extractor.name,
        version: extractor.version,
        error: message,
        ms: Math.round(performance.now() - started),
      });
    }
  }
  return result;
}

/** `name@version` of every registered extractor: stored with each extraction so upgrades can re-run stale ones. */
export const extractorVersions = (): string => extractors.map((e) => `${e.name}@${e.version}`).join(',');
