import { type EntityDecoderOptions, XMLParser } from 'fast-xml-parser';

/**
 * The one XML parser of the format readers (OOXML parts, XMP packets), set up for hostile input: a document type
 * declaration is read past but never used, so its entities are not expanded (no billion laughs, no external
 * entities), while the five predefined entities and numeric character references (`&#x4E2D;`, `&#54620;`) decode,
 * which CJK text in docx and XMP depends on.
 */

/** An element: its qualified name as written (`w:t`), its attributes, its children in document order. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}

/** Character data (text or CDATA) or an element. */
export type XmlNode = string | XmlElement;

export interface XmlDocument {
  nodes: XmlNode[];
  /** Why part of the document was ignored (a document type declaration). */
  warnings: string[];
}

const DOCTYPE_IGNORED = 'document type declaration ignored: its entities are not expanded';

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the predefined entities and character references; any other `&name;` stays as written. */
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(lt|gt|amp|quot|apos));/g, (_m, hex?: string, dec?: string, named?: string) => {
    if (named) return PREDEFINED[named] ?? '';
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/**
 * fast-xml-parser hands the entities a DOCTYPE declares to its decoder; this decoder only notes that there was a
 * DOCTYPE. (The parser itself refuses external entities with an error.)
 */
class PredefinedEntitiesOnly implements EntityDecoderOptions {
  sawDoctype = false;

  setExternalEntities(): void {}

  addInputEntities(): void {
    this.sawDoctype = true;
  }

  reset(): void {
    this.sawDoctype = false;
  }

  decode(text: string): string {
    return decodeXmlEntities(text);
  }

  setXmlVersion(): void {}
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** fast-xml-parser's ordered output (`[{ tag: [...children], ':@': {attrs} }, { '#text': '…' }]`) as typed nodes. */
function toNodes(ordered: unknown): XmlNode[] {
  const out: XmlNode[] = [];
  if (!Array.isArray(ordered)) return out;
  for (const item of ordered) {
    if (!isRecord(item)) continue;
    const rawAttrs = isRecord(item[':@']) ? item[':@'] : {};
    for (const [key, value] of Object.entries(item)) {
      if (key === ':@') continue;
      if (key === '#text') {
        out.push(String(value));
        continue;
      }
      if (key.startsWith('?') || key.startsWith('!')) continue;
      const attrs: Record<string, string> = {};
      for (const [name, v] of Object.entries(rawAttrs)) attrs[name] = String(v);
      out.push({ name: key, attrs, children: toNodes(value) });
    }
  }
  return out;
}

/**
 * Parses a whole document. Throws an Error with a readable message when the document cannot be read (external
 * entities, runaway nesting, reserved names); a document type declaration only adds a warning.
 */
export function parseXml(xml: string): XmlDocument {
  const entities = new PredefinedEntitiesOnly();
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    processEntities: true,
    entityDecoder: entities,
  });
  const nodes = toNodes(parser.parse(xml.replace(/^\uFEFF/, '')));
  return { nodes, warnings: entities.sawDoctype ? [DOCTYPE_IGNORED] : [] };
}

/** The text directly inside an element (not in its child elements). */
export function ownText(el: XmlElement): string {
  let text = '';
  for (const c of el.children) if (typeof c === 'string') text += c;
  return text;
}

/** The element children of a node list. */
export const elements = (nodes: readonly XmlNode[]): XmlElement[] => nodes.filter((n): n is XmlElement => typeof n !== 'string');

/** Start and end of each element and each run of text, in document order: for readers that work like a SAX handler. */
export type XmlEvent = { kind: 'open' | 'close'; element: XmlElement } | { kind: 'text'; text: string };

export function* xmlEvents(nodes: readonly XmlNode[]): Generator<XmlEvent> {
  for (const node of nodes) {
    if (typeof node === 'string') {
      yield { kind: 'text', text: node };
      continue;
    }
    yield { kind: 'open', element: node };
    yield* xmlEvents(node.children);
    yield { kind: 'close', element: node };
  }
}
