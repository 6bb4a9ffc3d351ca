import type { Extraction } from '../../../shared/domain/extraction';
import { metadataText, searchDoc } from '../../analysis/search-docs';
import type { Db } from '../../db/database';
import { clearLogRequests, insertLogRequests, placeCounts, type ClientPlace } from '../../db/log-repo';
import { lookupIp } from '../../lib/geoip';
import type { LogRequestsProgress } from '../../workers/log-flow';
import type { Extracted } from '../../workers/protocol';

/**
 * The main thread's side of access logs: requests arrive from the workers a chunk at a time and are stored as rows,
 * each with where its client is. The lookup data loads once, here, and answers once per address (lookupIp caches):
 * no extraction worker holds it.
 */

/** Rough size of one request in the write queue, so a big log's chunks count towards the queue's flush threshold. */
export const LOG_ROW_CHARS = 160;

function placeOf(ip: string): ClientPlace {
  const info = lookupIp(ip);
  return {
    country: info.country ?? null,
    region: info.region ?? null,
    city: info.city ?? null,
    asn: info.asn ?? null,
    network: info.network ?? null,
  };
}

/** Stores one chunk; the first chunk of an artifact replaces whatever an earlier, interrupted run stored. Call inside a transaction. */
export function writeLogChunk(db: Db, artifactId: number, chunk: LogRequestsProgress): void {
  if (chunk.first) clearLogRequests(db, artifactId);
  insertLogRequests(db, artifactId, chunk.rows, placeOf);
}

const listed = (items: readonly { label: string; requests: number }[]): string => items.map((i) => `${i.label} (${i.requests})`).join(', ');

/**
 * A log's extraction as stored: its summary's clients and countries and its AccessLog metadata name where the
 * clients are, from the rows just stored (so they agree with the log view), and the metadata's search row is built
 * again to include them. Other extractions pass unchanged. Call inside the transaction that stored the rows.
 */
export function completeLogExtraction(db: Db, artifactId: number, extracted: Extracted): Extracted {
  const summary = extracted.extraction.logSummary;
  if (!summary) return extracted;
  const places = placeCounts(db, artifactId);
  const regions = places.filter((p) => p.region !== null);
  const perCountry = new Map<string, number>();
  for (const p of places) perCountry.set(p.country, (perCountry.get(p.country) ?? 0) + p.requests);
  const countries = [...perCountry.entries()]
    .map(([country, requests]) => ({ country, requests }))
    .sort((a, b) => b.requests - a.requests || a.country.localeCompare(b.country));
  const clients = summary.clients.map((c) => {
    const p = lookupIp(c.ip);
    return {
      ...c,
      ...(p.country ? { country: p.country } : {}),
      ...(p.region ? { region: p.region } : {}),
      ...(p.asn ? { asn: p.asn } : {}),
      ...(p.network ? { network: p.network } : {}),
    };
  });
  const group = extracted.extraction.metadata['AccessLog'] ?? {};
  const extraction: Extraction = {
    ...extracted.extraction,
    logSummary: { ...summary, clients, countries },
    metadata: {
      ...extracted.extraction.metadata,
      AccessLog: {
        ...group,
        ...(countries.length
          ? {
              Countries: {
                value: listed(countries.map((c) => ({ label: c.country, requests: c.requests }))),
                raw: countries.map((c) => c.country),
              },
            }
          : {}),
        ...(regions.length
          ? { Regions: { value: listed(regions.map((r) => ({ label: `${r.country} · ${r.region}`, requests: r.requests }))) } }
          : {}),
      },
    },
  };
  const docs = extracted.docs.map((d) => (d.field === 'metadata' ? searchDoc('metadata', metadataText(extraction)) : d));
  return { ...extracted, extraction, docs };
}
