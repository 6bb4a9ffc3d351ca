import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ArtifactSummary } from '../../shared/domain/artifact';
import type { IngestJob, IngestProgress } from '../../shared/domain/ingest';
import { tempDir, testBackend } from './temp';
import { listArtifacts } from '../services/artifacts';
import { createCase } from '../services/cases';
import type { Ctx } from '../services/context';
import { startIngest, waitForJob } from '../services/ingest/ingest-service';

/** Test support for the ingest tests: real cases in temp folders, and evidence fingerprints taken independently. */

export interface Workspace {
  root: string;
  ctx: Ctx;
  progress: IngestProgress[];
  /** Runs synchronously inside the job's emit: a test can change the evidence at an exact point of the job. */
  onProgress(listener: (p: IngestProgress) => void): () => void;
  cleanup(): void;
  newCase(name?: string): string;
  ingest(caseDir: string, evidence: string, options?: { extract?: boolean }): Promise<IngestJob>;
  artifacts(caseDir: string): ArtifactSummary[];
}

export function workspace(): Workspace {
  const tmp = tempDir('wb-ingest-');
  const backend = testBackend(path.join(tmp.dir, 'data'));
  const { ctx } = backend;
  const progress: IngestProgress[] = [];
  backend.subscribe((event, payload) => {
    if (event === 'ingest.progress') progress.push(payload as IngestProgress);
  });
  let cases = 0;
  return {
    root: tmp.dir,
    ctx,
    progress,
    onProgress: (listener) => backend.subscribe((event, payload) => event === 'ingest.progress' && listener(payload as IngestProgress)),
    cleanup: tmp.cleanup,
    newCase(name = `case-${++cases}`) {
      const dir = path.join(tmp.dir, name);
      createCase({ dir, name, examiner: 'Examiner' }, ctx);
      return dir;
    },
    async ingest(caseDir, evidence, options = {}) {
      const job = await startIngest({ dir: caseDir, path: evidence, ...options }, ctx);
      return waitForJob(caseDir, job.id);
    },
    artifacts(caseDir) {
      return listArtifacts({ dir: caseDir, sort: 'path', order: 'asc', offset: 0, limit: 100_000 }).items;
    },
  };
}

export interface FileFingerprint {
  sha256: string;
  sha1: string;
  md5: string;
  size: number;
  mtimeNs: bigint;
  ctimeNs: bigint;
  atimeNs: bigint;
  mode: number;
}

const { O_RDONLY, O_NOATIME = 0 } = constants;

/** Every regular file below `dir` (relative POSIX path → digests and times), read without touching atime. */
export function fingerprint(dir: string): Map<string, FileFingerprint> {
  const out = new Map<string, FileFingerprint>();
  const visit = (abs: string, rel: string): void => {
    for (const name of readdirSync(abs).sort()) {
      const p = path.join(abs, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(p, { bigint: true });
      if (st.isDirectory()) visit(p, r);
      if (!st.isFile()) continue;
      const fd = openSync(p, O_RDONLY | O_NOATIME);
      try {
        const bytes = readFileSync(fd);
        const after = fstatSync(fd, { bigint: true });
        out.set(r, {
          sha256: createHash('sha256').update(bytes).digest('hex'),
          sha1: createHash('sha1').update(bytes).digest('hex'),
          md5: createHash('md5').update(bytes).digest('hex'),
          size: bytes.byteLength,
          mtimeNs: after.mtimeNs,
          ctimeNs: after.ctimeNs,
          atimeNs: after.atimeNs,
          mode: Number(after.mode),
        });
      } finally {
        closeSync(fd);
      }
    }
  };
  visit(dir, '');
  return out;
}

/** Deterministic pseudo-random bytes (xorshift), so generated evidence is the same on every run. */
export function bytes(length: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let x = seed | 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
