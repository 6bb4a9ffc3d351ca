import { ZIP_LIMITS, type ZipLimits } from '../../model/inventory';
import { decodeBytes } from '../encoding/decode';
import type { ByteSource } from '../types';
import { elements, ownText, parseXml, type XmlElement, type XmlNode } from '../xml';
import { readZipParts, type ZipParts } from '../zip/zip-parts';

/** XML and zip helpers shared by the work-file readers (Krita, OpenRaster, XFL, Harmony, OpenToonz). */

/**
 * A work file's parts are descriptions (XML, thumbnails), read whole; the layer pixels beside them are never
 * inflated. Parts and packages past these sizes are refused as the archive walker would refuse them.
 */
export const WORK_ZIP_LIMITS: ZipLimits = { ...ZIP_LIMITS, maxTotalBytes: 256 * 1024 * 1024, maxBufferBytes: 64 * 1024 * 1024 };

export const isZip = (head: Uint8Array): boolean => head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;

/** The `mimetype` member stored first, as ODF-style packages (Krita, OpenRaster, XFL) write it. */
export function zipMimetype(head: Uint8Array): string | undefined {
  if (!isZip(head)) return undefined;
  const nameLength = head[26]! | (head[27]! << 8);
  const extraLength = head[28]! | (head[29]! << 8);
  const size = head[18]! | (head[19]! << 8) | (head[20]! << 16);
  if (String.fromCharCode(...head.subarray(30, 30 + nameLength)) !== 'mimetype' || size > 200) return undefined;
  const at = 30 + nameLength + extraLength;
  return String.fromCharCode(...head.subarray(at, at + size)).trim();
}

export function readWorkZip(source: ByteSource, wanted: (name: string) => boolean): Promise<ZipParts> {
  return readZipParts(source, wanted, WORK_ZIP_LIMITS);
}

/** XML text from bytes: a BOM, else the declared encoding (legacy Japanese and Chinese tools declare theirs), else UTF-8. */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const declared = /^(?:\uFEFF)?<\?xml[^>]*encoding=["']([A-Za-z0-9_.:-]+)["']/
    .exec(String.fromCharCode(...bytes.subarray(0, 200)))?.[1]
    ?.toLowerCase();
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    try {
      return decodeBytes(bytes, declared);
    } catch {
      // An encoding no decoder knows: UTF-8 below still shows the ASCII markup and names.
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * Parses one XML part. A document type declaration is never used (see xml.ts); a warning is kept only when it
 * carries an internal subset, since the public DTD line every Krita file starts with says nothing about the file.
 */
export function parseWorkXml(xml: string, what: string, warnings: string[]): XmlNode[] | undefined {
  try {
    const doc = parseXml(xml);
    if (doc.warnings.length > 0 && /<!DOCTYPE[^>[]*\[/.test(xml.slice(0, 64 * 1024)))
      warnings.push(...doc.warnings.map((w) => `${what}: ${w}`));
    return doc.nodes;
  } catch (e) {
    warnings.push(`${what}: not readable XML (${e instanceof Error ? e.message : String(e)})`);
    return undefined;
  }
}

export const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

/** Child elements with this local name. */
export const childrenNamed = (el: XmlElement | readonly XmlNode[], name: string): XmlElement[] =>
  elements(Array.isArray(el) ? el : (el as XmlElement).children).filter((c) => localName(c.name) === name);

export const firstChild = (el: XmlElement | readonly XmlNode[], name: string): XmlElement | undefined => childrenNamed(el, name)[0];

/** Descendants with this local name, in document order, not looking inside a match; at most `limit`. */
export function descendants(nodes: readonly XmlNode[], name: string, limit = 100_000, into: XmlElement[] = []): XmlElement[] {
  for (const el of elements(nodes)) {
    if (into.length >= limit) break;
    if (localName(el.name) === name) into.push(el);
    else descendants(el.children, name, limit, into);
  }
  return into;
}

/** All text inside an element, its descendants' included. */
export function textOf(el: XmlElement): string {
  let text = ownText(el);
  for (const c of elements(el.children)) text += textOf(c);
  return text;
}

/** A child element's text, trimmed; undefined when missing or blank. */
export function childText(el: XmlElement | readonly XmlNode[], name: string): string | undefined {
  const c = firstChild(el, name);
  const t = c ? textOf(c).trim() : '';
  return t || undefined;
}

export const attrNumber = (el: XmlElement | undefined, name: string): number | undefined => {
  const v = el?.attrs[name];
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
};
