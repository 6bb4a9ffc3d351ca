import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workFileFixtures } from '../../test-support/generate/work-files';
import { bufferSource } from '../byte-source';
import { runExtractors } from '../run';
import { findWorkFilePicture } from './work-preview';

/**
 * Nothing a work file names is opened: each fixture records a path to a FIFO (opening it for reading would block
 * until a writer came, so a reader that followed it would hang the test) and to a regular file whose access time
 * is watched.
 */

let dir: string;
let fifo: string;
let bait: string;
const PAST = new Date(Date.UTC(2001, 0, 1));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'workbench-linked-'));
  fifo = join(dir, 'linked-원화.png');
  execFileSync('mkfifo', [fifo]);
  bait = join(dir, 'bait-修改.png');
  writeFileSync(bait, 'not evidence');
  // Access time well before the modification time: any read updates it, even under relatime.
  utimesSync(bait, PAST, new Date());
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const extractAll = async (linked: string): Promise<void> => {
  for (const f of workFileFixtures({ linked })) {
    const x = await runExtractors({ name: basename(f.name), path: f.name, size: f.bytes.byteLength, source: bufferSource(f.bytes) });
    expect(
      x.extractors.filter((e) => e.error),
      f.name,
    ).toEqual([]);
    if (f.expected.paths.some((p) => p.includes(basename(linked)))) expect(x.text, f.name).toContain(basename(linked));
    await findWorkFilePicture(f.bytes);
  }
};

describe('linked files are recorded, never followed', () => {
  it('does not open a FIFO a work file links to', async () => {
    await extractAll(fifo);
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('does not read a regular file a work file links to (its access time stays)', async () => {
    await extractAll(bait);
    expect(statSync(bait).atime.toISOString()).toBe(PAST.toISOString());
  });
});
