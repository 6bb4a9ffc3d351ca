import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { concatBytes } from './bytes';
import { cjkExifJpeg, plainTiff, textChunksPng, xmpPacket } from './images';
import { mp4File } from './media';
import { docxFile, xlsxTimesheet } from './office';
import { cjkEvidencePdf } from './pdfs';
import { deflatedZeros, manyEntriesBomb, nestedZip, writeZip, zipBomb } from './zips';

/**
 * Evidence as an adversary's server may hold it: every format the workbench reads, cut short and bit-flipped;
 * zip bombs by ratio, by count and by nesting; XML entity expansion in docx and XMP; a 200 MB single-line text;
 * binary named .txt; empty files; very deep folders and very long names; names that are not UTF-8; FIFOs; symlink
 * loops and escapes. Everything is made here by code, deterministically.
 */

export interface HostileEntry {
  /** Relative path, as the case will list it (non-UTF-8 names are listed decoded). */
  path: string;
  /** What a correct ingest does with it. */
  expect: 'ok' | 'error' | 'skipped' | 'any';
}

/** xorshift32, so the bit flips are the same on every run. */
function flips(bytes: Uint8Array, count: number, seed: number): Uint8Array {
  const out = new Uint8Array(bytes);
  let x = seed || 1;
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const at = (x >>> 0) % out.length;
    out[at] = (out[at] as number) ^ (1 << ((x >>> 8) & 7));
  }
  return out;
}

const cut = (bytes: Uint8Array, share: number): Uint8Array => bytes.subarray(0, Math.floor(bytes.length * share));

const BILLION_LAUGHS = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>`;
const EXTERNAL = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`;

/** A docx whose core properties expand a billion laughs (or read /etc/passwd) if a parser lets them. */
function entityDocx(prolog: string, entity: string): Uint8Array {
  const parts = unzipSync(docxFile().bytes);
  parts['docProps/core.xml'] = strToU8(
    `${prolog}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&${entity};</dc:title></cp:coreProperties>`,
  );
  return zipSync(parts);
}

/** An XMP sidecar whose packet carries the same entities. */
const entityXmp = (): Uint8Array =>
  strToU8(
    xmpPacket({ title: '원화', titleKo: '원화', creators: ['x'], description: 'd', subjects: ['s'] }).replace(
      '<x:xmpmeta',
      `${BILLION_LAUGHS.replace('<?xml version="1.0"?>', '')}<x:xmpmeta`,
    ),
  );

/** Nested zips four deep, each a bomb at the bottom: depth and ratio limits must both hold. */
function nestedBomb(): Uint8Array {
  const zeros = deflatedZeros(512 * 1024 * 1024);
  let inner = writeZip([{ name: 'zeros.bin', deflated: zeros }]);
  for (let level = 0; level < 4; level++) inner = writeZip([{ name: `level-${level}.zip`, data: inner, method: 'store' }]);
  return inner;
}

/** Writes `size` bytes of one repeated line without a newline, without holding it in memory. */
function writeLongLine(file: string, size: number): void {
  const chunk = Buffer.from('原画修型请注意口型 invincible 인빈서블 '.repeat(4096));
  const fd = openSync(file, 'w');
  try {
    for (let written = 0; written < size;) {
      const n = Math.min(chunk.length, size - written);
      writeSync(fd, chunk, 0, n);
      written += n;
    }
  } finally {
    closeSync(fd);
  }
}

export interface HostileOptions {
  /** Size of the single-line text; 200 MB by default, smaller for quick runs. */
  longLineBytes?: number;
}

/** Writes the hostile set below `dir` and lists what a correct ingest makes of each entry. */
export function writeHostileSet(dir: string, options: HostileOptions = {}): HostileEntry[] {
  const entries: HostileEntry[] = [];
  const put = (rel: string, bytes: Uint8Array, expect: HostileEntry['expect'] = 'any'): void => {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    entries.push({ path: rel, expect });
  };
  const samples: Record<string, Uint8Array> = {
    'jpeg.jpg': cjkExifJpeg().bytes,
    'png.png': textChunksPng().bytes,
    'tiff.tif': plainTiff().bytes,
    'pdf.pdf': cjkEvidencePdf().bytes,
    'zip.zip': nestedZip().bytes,
    'docx.docx': docxFile().bytes,
    'xlsx.xlsx': xlsxTimesheet().bytes,
    'mp4.mp4': mp4File().bytes,
  };
  for (const [name, bytes] of Object.entries(samples)) {
    put(`damaged/truncated-${name}`, cut(bytes, 0.37));
    put(`damaged/bit-flipped-${name}`, flips(bytes, 40, name.length * 7919));
    put(`damaged/header-only-${name}`, cut(bytes, 0.02));
  }
  put('bombs/ratio.zip', zipBomb(2 * 1024 * 1024 * 1024).bytes);
  put('bombs/entries.zip', manyEntriesBomb(20_000).bytes);
  put('bombs/nested.zip', nestedBomb());
  put('xml/billion-laughs.docx', entityDocx(BILLION_LAUGHS, 'lol9'));
  put('xml/external-entity.docx', entityDocx(EXTERNAL, 'xxe'));
  put('xml/billion-laughs.xmp', entityXmp());
  put('text/binary-named.txt', flips(new Uint8Array(64 * 1024).fill(0x41), 20_000, 42));
  put('text/empty.txt', new Uint8Array(0));
  put('empty.pdf', new Uint8Array(0));
  put('text/nul-utf16-lookalike.txt', concatBytes([Uint8Array.of(0xff, 0xfe), new Uint8Array(4096)]));
  mkdirSync(path.join(dir, 'text'), { recursive: true });
  writeLongLine(path.join(dir, 'text', 'one-line.log'), options.longLineBytes ?? 200 * 1024 * 1024);
  entries.push({ path: 'text/one-line.log', expect: 'ok' });

  // 120 folders deep, and names at the file system's 255-byte limit (Korean: 3 bytes a character).
  const deep = Array.from({ length: 120 }, (_, i) => `d${i}`).join('/');
  put(`${deep}/bottom.txt`, strToU8('deep'), 'ok');
  put(`names/${'원'.repeat(84)}.t`, strToU8('long name'), 'ok');
  // A GBK name (not UTF-8) and a name with a lone invalid byte; written through raw byte paths.
  const gbk = Buffer.from([0xd4, 0xad, 0xbb, 0xad, 0x2e, 0x74, 0x78, 0x74]);
  mkdirSync(path.join(dir, 'names'), { recursive: true });
  writeFileSync(Buffer.concat([Buffer.from(path.join(dir, 'names')), Buffer.from('/'), gbk]), '原画');
  writeFileSync(Buffer.concat([Buffer.from(path.join(dir, 'names')), Buffer.from('/bad-\xff-name.txt', 'latin1')]), 'x');
  entries.push({ path: 'names/原画.txt', expect: 'ok' });

  mkdirSync(path.join(dir, 'links'), { recursive: true });
  symlinkSync('loop-b', path.join(dir, 'links', 'loop-a'));
  symlinkSync('loop-a', path.join(dir, 'links', 'loop-b'));
  symlinkSync('/etc/passwd', path.join(dir, 'links', 'escape-absolute'));
  symlinkSync('../../../../../../../../etc', path.join(dir, 'links', 'escape-relative'));
  entries.push({ path: 'links/loop-a', expect: 'any' }, { path: 'links/escape-absolute', expect: 'any' });
  try {
    execFileSync('mkfifo', [path.join(dir, 'links', 'fifo')]);
    entries.push({ path: 'links/fifo', expect: 'skipped' });
  } catch {
    // No mkfifo on this platform: the FIFO case is covered by the ingest tests where it exists.
  }
  return entries;
}
