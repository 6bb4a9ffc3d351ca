import { createGunzip, gunzipSync, constants as zlibConstants } from 'node:zlib';
import type { Extractor, ExtractorOutput } from '../types';
import { decodeXmlEntities } from '../xml';
import { looksLikeAbsolutePath } from './recorded-path';
import { clip, WorkFileOutput } from './work-output';

/**
 * Premiere Pro `.prproj`: gzip-compressed XML. Projects inflate to hundreds of megabytes, so the XML is not parsed
 * into a tree: it is inflated as a stream and scanned tag by tag, keeping only the element path and the text of the
 * few elements that matter (sequence names, bins and clips of the project panel, media items and every `…Path`
 * element, which hold the source files' paths on the editor's machine). Only the predefined XML entities and
 * character references are decoded; nothing is fetched or expanded.
 */

const READ_CHUNK = 1024 * 1024;
/** Inflated XML read at most: a bomb stops here with a warning. */
const MAX_INFLATED = 1024 * 1024 * 1024;
const MAX_TEXT = 16 * 1024;
const MAX_DEPTH = 512;
const PROJECT_ITEM_KINDS: Record<string, string> = { ClipProjectItem: 'clip', BinProjectItem: 'bin' };

const isGzip = (head: Uint8Array): boolean => head[0] === 0x1f && head[1] === 0x8b;

function startsLikePremiere(head: Uint8Array): boolean {
  let xml: Uint8Array = head;
  if (isGzip(head)) {
    try {
      // Only the first compressed bytes: the root element is at the start, and any gzip file in a trove passes here.
      xml = gunzipSync(head.subarray(0, 512), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    } catch {
      // Not a gzip stream after all; other extractors may know it.
      return false;
    }
  }
  return new TextDecoder('utf-8').decode(xml.subarray(0, 4096)).includes('<PremiereData');
}

interface Media {
  title?: string;
  paths: string[];
}

/** Receives the document tag by tag; keeps names, media and paths. */
class PremiereScanner {
  private readonly stack: string[] = [];
  private text = '';
  private capturing = false;
  private media: Media | undefined;
  sequences = 0;

  constructor(private readonly out: WorkFileOutput) {}

  open(name: string, selfClosing: boolean): void {
    if (selfClosing) return;
    if (this.stack.length >= MAX_DEPTH) throw new Error(`elements nested deeper than ${MAX_DEPTH}`);
    this.stack.push(name);
    if (name === 'Media') this.media = { paths: [] };
    this.capturing = true;
    this.text = '';
  }

  chars(text: string): void {
    if (this.capturing && this.text.length < MAX_TEXT) this.text += text;
  }

  close(name: string): void {
    const top = this.stack.at(-1);
    if (top !== name) return;
    const value = this.capturing ? decodeXmlEntities(this.text).trim() : '';
    this.capturing = false;
    this.text = '';
    this.stack.pop();
    const parent = this.stack.at(-1);
    if (value) this.element(name, parent, value);
    if (name === 'Media' && this.media) {
      this.finishMedia(this.media);
      this.media = undefined;
    }
  }

  private element(name: string, parent: string | undefined, value: string): void {
    if (name === 'Name' && parent === 'Sequence') {
      this.sequences++;
      this.out.item({ kind: 'sequence', name: clip(value) });
    } else if (name === 'Name' && parent === 'ProjectItem') {
      const kind = PROJECT_ITEM_KINDS[this.stack.at(-2) ?? ''];
      if (kind) this.out.item({ kind, name: clip(value) });
    } else if (name === 'Title' && parent === 'Media' && this.media) this.media.title = value;
    else if (name.endsWith('Path') && /[\\/]/.test(value)) {
      if (parent === 'Media' && this.media) this.media.paths.push(value);
      this.out.path(value, name);
    }
  }

  private finishMedia(media: Media): void {
    const path = media.paths.find(looksLikeAbsolutePath) ?? media.paths[0];
    if (!media.title && !path) return;
    const name = media.title ?? path!.split(/[\\/]/).filter(Boolean).at(-1) ?? path!;
    this.out.item({ kind: 'media', name: clip(name), ...(path ? { path: clip(path) } : {}) });
  }
}

/** Feeds XML text to the scanner as it arrives; a tag split across chunks waits for the rest. */
class TagStream {
  private pending = '';

  constructor(private readonly scanner: PremiereScanner) {}

  push(chunk: string): void {
    const s = this.pending + chunk;
    let at = 0;
    for (;;) {
      const lt = s.indexOf('<', at);
      if (lt < 0) {
        this.scanner.chars(s.slice(at));
        at = s.length;
        break;
      }
      if (lt > at) this.scanner.chars(s.slice(at, lt));
      const [terminator, skip] = s.startsWith('<![CDATA[', lt) ? [']]>', 3] : s.startsWith('<!--', lt) ? ['-->', 3] : ['>', 1];
      const end = s.indexOf(terminator, lt);
      if (end < 0) {
        at = lt;
        break;
      }
      const tag = s.slice(lt, end + skip);
      at = end + skip;
      if (tag.startsWith('<![CDATA[')) this.scanner.chars(tag.slice(9, -3));
      else if (tag.startsWith('</')) this.scanner.close(tag.slice(2, -1).trim());
      else if (!tag.startsWith('<?') && !tag.startsWith('<!')) {
        const name = /^<([^\s/>]+)/.exec(tag)?.[1];
        if (name) this.scanner.open(name, tag.endsWith('/>'));
      }
    }
    this.pending = s.slice(at);
    if (this.pending.length > 4 * 1024 * 1024) throw new Error('a tag longer than 4 MiB');
  }
}

export const premiereExtractor: Extractor = {
  name: 'premiere',
  version: 1,
  accepts: (input, head) => (isGzip(head) && /\.prproj$/i.test(input.name)) || startsLikePremiere(head),
  async extract(input): Promise<ExtractorOutput> {
    const out = new WorkFileOutput('Premiere Pro', 'Premiere');
    const scanner = new PremiereScanner(out);
    const stream = new TagStream(scanner);
    const decoder = new TextDecoder('utf-8');
    const head = await input.source.read(0, 2);
    try {
      if (isGzip(head)) {
        out.tag('Compression', 'gzip');
        let inflated = 0;
        const gunzip = createGunzip();
        const done = new Promise<void>((resolve, reject) => {
          gunzip.on('data', (chunk: Buffer) => {
            inflated += chunk.byteLength;
            if (inflated > MAX_INFLATED) {
              gunzip.destroy(new Error(`inflates to more than ${MAX_INFLATED} bytes (zip bomb?); the rest was not read`));
              return;
            }
            try {
              stream.push(decoder.decode(chunk, { stream: true }));
            } catch (e) {
              gunzip.destroy(e instanceof Error ? e : new Error(String(e)));
            }
          });
          gunzip.on('end', resolve);
          gunzip.on('error', reject);
        });
        const feed = async (): Promise<void> => {
          for (let at = 0; at < input.source.size && !gunzip.destroyed; at += READ_CHUNK) {
            const chunk = await input.source.read(at, READ_CHUNK);
            if (!gunzip.write(chunk)) await new Promise<void>((resolve) => gunzip.once('drain', resolve));
          }
          gunzip.end();
        };
        await Promise.all([feed(), done]);
      } else {
        for (let at = 0; at < input.source.size; at += READ_CHUNK)
          stream.push(decoder.decode(await input.source.read(at, READ_CHUNK), { stream: true }));
      }
    } catch (e) {
      out.warnings.push(`Premiere: ${e instanceof Error ? e.message : String(e)}; what was read before it is kept`);
    }
    out.tag('SequenceCount', scanner.sequences);
    out.listTag(
      'SequenceNames',
      out.items.filter((i) => i.kind === 'sequence').map((i) => i.name),
    );
    out.listTag(
      'MediaNames',
      out.items.filter((i) => i.kind === 'media').map((i) => i.name),
    );
    out.listTag(
      'BinNames',
      out.items.filter((i) => i.kind === 'bin').map((i) => i.name),
    );
    return out.finish();
  },
};
