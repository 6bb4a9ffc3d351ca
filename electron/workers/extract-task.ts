import { closeSync } from 'node:fs';
import { openEvidenceSync } from '../lib/evidence-file';
import { bufferSource, fileSource } from '../services/extract/byte-source';
import type { ExtractInput } from '../services/extract/types';
import type { Extracted, ExtractFileTask, ExtractMembersTask, ExtractProgress, ExtractResult } from './protocol';
import { archivesOnTheWay, findMembers, newBudget, openZipFd } from './zip-walk';

const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * The extractors (and the parsers they load) are imported on first use, so hash-only workers stay small and the
 * main thread never loads them; the versions reported are those of the extractors that actually ran.
 */
async function extract(input: ExtractInput): Promise<Extracted> {
  const run = await import('../services/extract/run');
  return { extraction: await run.runExtractors(input), versions: run.extractorVersions() };
}

export async function extractFile(task: ExtractFileTask): Promise<ExtractResult> {
  const extracted = await extract({
    name: task.name,
    path: task.displayPath,
    size: task.size,
    mime: task.mime ?? undefined,
    source: fileSource(toBuffer(task.path), task.size),
  });
  return { type: 'file', ...extracted };
}

/**
 * Extracts members of one top-level archive, read again from disk (read-only) and inflated in memory. Each
 * member's SHA-256 is checked against the one recorded at hashing, so what is extracted is what was inventoried.
 */
export async function extractMembers(task: ExtractMembersTask, progress: (p: ExtractProgress) => void): Promise<ExtractResult> {
  const byPath = new Map(task.wanted.map((w) => [w.path, w]));
  const via = new Set<string>();
  for (const w of task.wanted) archivesOnTheWay(w.path, via);
  const seen = new Set<number>();
  const fd = openEvidenceSync(toBuffer(task.archive));
  try {
    const archive = await openZipFd(fd, task.limits.maxBufferBytes);
    try {
      await findMembers(archive, task.archivePath, 1, newBudget(task.limits), new Set(byPath.keys()), via, async (found) => {
        const wanted = byPath.get(found.path);
        if (!wanted || seen.has(wanted.id)) return;
        seen.add(wanted.id);
        progress({ type: 'member-start', id: wanted.id });
        if (!found.content?.buffer) {
          const error = found.skipped ? null : (found.problem ?? 'content not available');
          progress({ type: 'member-done', id: wanted.id, extracted: null, skipped: found.skipped, error });
          return;
        }
        if (found.content.digests.sha256 !== wanted.sha256) {
          progress({ type: 'member-done', id: wanted.id, extracted: null, skipped: null, error: 'content differs from what was hashed at ingest (archive changed?): not extracted' });
          return;
        }
        const extracted = await extract({
          name: wanted.name,
          path: wanted.path,
          size: wanted.size,
          mime: wanted.mime ?? undefined,
          source: bufferSource(found.content.buffer),
        });
        progress({ type: 'member-done', id: wanted.id, extracted, skipped: null, error: null });
      });
    } finally {
      archive.zip.close();
    }
  } finally {
    closeSync(fd);
  }
  return { type: 'members', missing: task.wanted.filter((w) => !seen.has(w.id)).map((w) => w.id) };
}
