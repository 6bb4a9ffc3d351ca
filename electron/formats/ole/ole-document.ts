import CFB from 'cfb';
import type { MetadataGroups, MetaValue, TimestampEntry } from '../../../shared/domain/extraction';
import { decodeBytes } from '../encoding/decode';
import { ByteReader } from '../image/binary';
import type { ExtractInput, ExtractorOutput } from '../types';
import { workbookText } from './excel';
import { powerPointText } from './powerpoint';
import { propertySetTags, readPropertySetStream } from './property-sets';
import { readWordDocument } from './word';

/**
 * Office 97-2003 documents (.doc, .xls, .ppt) and other OLE2 compound files, read with the `cfb` reader: the
 * summary property sets (ExifTool's `FlashPix` group), the Word document properties (`MS-DOC`), and the text of
 * Word, Excel and PowerPoint files. Damaged structures become warnings; nothing here trusts an offset unchecked.
 */

/** Compound files are parsed whole in memory; larger ones are left alone. */
const MAX_COMPOUND_BYTES = 256 * 1024 * 1024;
const MAX_TEXT_CHARS = 16 * 1024 * 1024;

/** The streams directly under the root storage, by name (the root's own name varies by writer). */
function rootStreams(container: CFB.CFB$Container): Map<string, Uint8Array> {
  const streams = new Map<string, Uint8Array>();
  const root = container.FullPaths[0] ?? '';
  container.FileIndex.forEach((entry, i) => {
    const path = container.FullPaths[i] ?? '';
    if (entry.type !== 2 || !path.startsWith(root)) return;
    const name = path.slice(root.length);
    if (name.includes('/') || streams.has(name)) return;
    // cfb leaves `content` unset for some empty streams, whatever its typings say.
    const content: CFB.CFB$Blob | undefined = entry.content;
    streams.set(name, content instanceof Uint8Array ? content : Uint8Array.from(content ?? []));
  });
  return streams;
}

/** `\u0001CompObj`: the user-visible type of the object, after a 28-byte header. */
function compObj(bytes: Uint8Array, group: Record<string, MetaValue>): void {
  const r = new ByteReader(bytes, true);
  const length = r.u32(0x1c);
  const text = length === undefined || length > 4096 ? undefined : r.slice(0x20, length);
  if (length === undefined || !text) return;
  group['CompObjUserTypeLen'] ??= { value: length };
  group['CompObjUserType'] ??= { value: decodeBytes(text, 'windows-1252').replace(/\0.*$/s, '') };
}

/** PowerPoint's `Current User` stream: who saved the presentation last (Unicode name when present). */
function currentUser(bytes: Uint8Array): string | undefined {
  const r = new ByteReader(bytes, true);
  const recordLength = r.u32(4);
  const nameLength = r.u16(20);
  if (recordLength === undefined || nameLength === undefined || nameLength === 0) return undefined;
  const ansi = r.slice(28, nameLength);
  const unicode = recordLength >= 24 + nameLength * 3 ? r.slice(32 + nameLength, nameLength * 2) : undefined;
  if (unicode) return decodeBytes(unicode, 'utf-16le');
  return ansi ? decodeBytes(ansi, 'windows-1252') : undefined;
}

/** What a compound file that is not one of the Office documents read here is, when it is worth saying. */
function otherKind(streams: ReadonlyMap<string, Uint8Array>): string | undefined {
  if (streams.has('EncryptedPackage'))
    return 'password-protected OOXML document (encrypted package inside an OLE container): contents cannot be read';
  if ([...streams.keys()].some((n) => n.startsWith('__substg1.0_')))
    return 'legacy OLE document (Outlook .msg message): text and properties were not extracted';
  return undefined;
}

export async function readOleDocument(input: ExtractInput): Promise<ExtractorOutput> {
  if (input.size > MAX_COMPOUND_BYTES)
    return { warnings: [`compound file larger than ${MAX_COMPOUND_BYTES / 1048576} MiB: properties and text were not read`] };
  let container: CFB.CFB$Container;
  try {
    container = CFB.parse(await input.source.readAll(), { type: 'array' });
  } catch (e) {
    return { warnings: [`not a readable compound file: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const streams = rootStreams(container);
  const metadata: MetadataGroups = {};
  const timestamps: TimestampEntry[] = [];
  const warnings: string[] = [];
  const other = otherKind(streams);
  if (other) warnings.push(other);

  for (const [name, kind] of [
    ['\u0005SummaryInformation', 'summary'],
    ['\u0005DocumentSummaryInformation', 'document'],
  ] as const) {
    const bytes = streams.get(name);
    if (!bytes) continue;
    const stream = readPropertySetStream(bytes);
    warnings.push(...stream.warnings.map((w) => `${name.slice(1)}: ${w}`));
    propertySetTags(stream, kind, metadata, timestamps);
  }

  let text: string | undefined;
  const word = streams.get('WordDocument');
  const workbook = streams.get('Workbook') ?? streams.get('Book');
  const presentation = streams.get('PowerPoint Document');
  if (word) {
    const doc = readWordDocument(word, streams);
    for (const [group, tags] of Object.entries(doc.metadata)) metadata[group] = { ...tags, ...metadata[group] };
    timestamps.push(...doc.timestamps);
    warnings.push(...doc.warnings);
    text = doc.text;
  } else if (workbook) {
    const book = workbookText(workbook);
    warnings.push(...book.warnings);
    text = book.text;
  } else if (presentation) {
    const slides = powerPointText(presentation, streams.get('Current User'));
    warnings.push(...slides.warnings);
    text = slides.text;
  }

  const flashPix = (metadata['FlashPix'] ??= {});
  const comp = streams.get('\u0001CompObj');
  if (comp) compObj(comp, flashPix);
  const user = streams.get('Current User');
  const userName = user ? currentUser(user) : undefined;
  if (userName) flashPix['CurrentUser'] ??= { value: userName };
  if (Object.keys(flashPix).length === 0) delete metadata['FlashPix'];

  const truncated = text !== undefined && text.length > MAX_TEXT_CHARS;
  return {
    metadata,
    timestamps,
    ...(text ? { text: truncated ? text.slice(0, MAX_TEXT_CHARS) : text } : {}),
    ...(truncated ? { textTruncated: true } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}
