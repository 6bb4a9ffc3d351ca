import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ZipFile } from 'yazl';
import yauzl from 'yauzl';

/** Test helpers around bundles: unpack with Info-ZIP's unzip, re-pack with the same comment, parse CSV. */

export function unzipTo(zip: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const run = spawnSync('unzip', ['-q', '-o', zip, '-d', dir], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`unzip failed: ${run.stderr}`);
}

/** Relative paths of every file below `dir`, in zip order when `order` is given. */
export function filesBelow(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel)).flatMap((name) => {
    const r = rel ? `${rel}/${name}` : name;
    return statSync(path.join(dir, r)).isDirectory() ? filesBelow(dir, r) : [r];
  });
}

export async function zipComment(zip: string): Promise<string> {
  const z = await yauzl.openPromise(zip, { lazyEntries: true });
  const comment = z.comment;
  z.close();
  return comment;
}

/** Entry names of a zip in central-directory order. */
export async function zipNames(zip: string): Promise<string[]> {
  const z = await yauzl.openPromise(zip, { lazyEntries: true });
  const names: string[] = [];
  for await (const e of z.eachEntry()) names.push(e.fileName);
  z.close();
  return names;
}

/** Packs `files` (relative to `dir`, in this order) into `out` with `comment`, replacing one file's bytes when asked. */
export function repack(
  dir: string,
  files: readonly string[],
  out: string,
  comment: string,
  replace?: { file: string; bytes: Buffer },
): Promise<void> {
  const zip = new ZipFile();
  for (const f of files) zip.addBuffer(replace?.file === f ? replace.bytes : readFileSync(path.join(dir, f)), f);
  zip.end({ comment, forceZip64Format: false });
  return new Promise((resolve, reject) => {
    const sink = createWriteStream(out);
    zip.outputStream
      .pipe(sink)
      .on('close', () => resolve())
      .on('error', reject);
  });
}

/** RFC 4180: quoted fields with doubled quotes, commas and line breaks inside quotes, CRLF rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}
