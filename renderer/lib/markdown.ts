/*
 * A small Markdown reader for analyst notes. It builds a tree of plain data that React renders as elements; nothing
 * is ever handed to the DOM as HTML, so raw HTML in a note (`<script>`, `<img onerror>`) is shown as the text it is.
 * Links keep their target as data: the view shows them and follows one only after the analyst confirms, and only
 * http(s) and mailto targets can be followed at all.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong' | 'em' | 'del'; children: Inline[] }
  | { type: 'link'; href: string; isFollowable: boolean; children: Inline[] }
  | { type: 'break' };

export type Block =
  | { type: 'heading'; level: number; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; isOrdered: boolean; start: number; items: Inline[][] }
  | { type: 'code'; text: string }
  | { type: 'quote'; children: Block[] }
  | { type: 'rule' };

/** Schemes a confirmed link may open; everything else (`javascript:`, `data:`, `file:`, relative paths) stays text. */
export function isFollowableUrl(href: string): boolean {
  return /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i.test(href.trim());
}

const DELIMS: readonly { mark: string; type: 'strong' | 'em' | 'del' }[] = [
  { mark: '**', type: 'strong' },
  { mark: '__', type: 'strong' },
  { mark: '~~', type: 'del' },
  { mark: '*', type: 'em' },
  { mark: '_', type: 'em' },
];

const BARE_URL = /^https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"]/i;

/** Inline Markdown: code spans, emphasis, links `[text](url)`, autolinks `<url>` and bare URLs; newlines are breaks. */
export function parseInline(source: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = (): void => {
    if (text) out.push({ type: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const ch = source[i] as string;
    if (ch === '\\' && i + 1 < source.length && /[\\`*_~[\]()<>#!-]/.test(source[i + 1] as string)) {
      text += source[i + 1];
      i += 2;
      continue;
    }
    if (ch === '\n') {
      flush();
      out.push({ type: 'break' });
      i += 1;
      continue;
    }
    if (ch === '`') {
      const end = source.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ type: 'code', text: source.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (ch === '[') {
      const link = /^\[([^\]\n]+)\]\(\s*<?((?:[^\s()<>]|\([^\s()<>]*\))*)>?(?:\s+"[^"]*")?\s*\)/.exec(rest);
      if (link) {
        flush();
        const href = link[2] ?? '';
        out.push({ type: 'link', href, isFollowable: isFollowableUrl(href), children: parseInline(link[1] ?? '') });
        i += link[0].length;
        continue;
      }
    }
    if (ch === '<') {
      const auto = /^<((?:https?:\/\/|mailto:)[^\s<>]+)>/i.exec(rest);
      if (auto) {
        flush();
        const href = auto[1] ?? '';
        out.push({ type: 'link', href, isFollowable: isFollowableUrl(href), children: [{ type: 'text', text: href }] });
        i += auto[0].length;
        continue;
      }
    }
    if ((ch === 'h' || ch === 'H') && (i === 0 || /[\s(]/.test(source[i - 1] as string))) {
      const bare = BARE_URL.exec(rest);
      if (bare) {
        flush();
        out.push({ type: 'link', href: bare[0], isFollowable: true, children: [{ type: 'text', text: bare[0] }] });
        i += bare[0].length;
        continue;
      }
    }
    const delim = DELIMS.find((d) => rest.startsWith(d.mark));
    if (delim && !/\s/.test(source[i + delim.mark.length] ?? ' ')) {
      const close = findClose(source, i + delim.mark.length, delim.mark);
      if (close > i + delim.mark.length) {
        flush();
        out.push({ type: delim.type, children: parseInline(source.slice(i + delim.mark.length, close)) });
        i = close + delim.mark.length;
        continue;
      }
    }
    text += ch;
    i += 1;
  }
  flush();
  return out;
}

/** The closing delimiter: not preceded by whitespace, and for `_` not inside a word (snake_case stays as is). */
function findClose(source: string, from: number, mark: string): number {
  for (let at = source.indexOf(mark, from); at >= 0; at = source.indexOf(mark, at + 1)) {
    if (/\s/.test(source[at - 1] ?? ' ')) continue;
    if (mark === '_' && /\w/.test(source[at + 1] ?? '')) continue;
    if (mark.length === 1 && source[at + 1] === mark) continue;
    return at;
  }
  return -1;
}

const FENCE = /^\s{0,3}(```|~~~)/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const ORDERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;

/** Block Markdown: headings, paragraphs, lists, fenced code, quotes and rules. Raw HTML is plain text here. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (!line.trim()) {
      i += 1;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !(lines[i] as string).trimStart().startsWith(fence[1] as string)) body.push(lines[i++] as string);
      i += 1;
      blocks.push({ type: 'code', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ type: 'heading', level: (heading[1] as string).length, children: parseInline(heading[2] ?? '') });
      i += 1;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ type: 'rule' });
      i += 1;
      continue;
    }
    if (QUOTE.test(line)) {
      const body: string[] = [];
      for (let m = QUOTE.exec(lines[i] ?? ''); i < lines.length && m; m = QUOTE.exec(lines[i] ?? '')) {
        body.push(m[1] ?? '');
        i += 1;
      }
      blocks.push({ type: 'quote', children: parseMarkdown(body.join('\n')) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const ordered = ORDERED.exec(line);
    if (bullet || ordered) {
      const pattern = bullet ? BULLET : ORDERED;
      const items: string[] = [];
      while (i < lines.length) {
        const current = lines[i] as string;
        const m = pattern.exec(current);
        if (m) items.push((bullet ? m[1] : m[2]) ?? '');
        else if (current.trim() && /^\s+/.test(current) && items.length > 0) items[items.length - 1] += `\n${current.trim()}`;
        else break;
        i += 1;
      }
      blocks.push({
        type: 'list',
        isOrdered: !bullet,
        start: ordered ? Number(ordered[1]) : 1,
        items: items.map((item) => parseInline(item)),
      });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length) {
      const current = lines[i] as string;
      if (!current.trim() || FENCE.test(current) || HEADING.test(current) || QUOTE.test(current) || BULLET.test(current)) break;
      if (para.length > 0 && (RULE.test(current) || ORDERED.test(current))) break;
      para.push(current);
      i += 1;
    }
    blocks.push({ type: 'paragraph', children: parseInline(para.join('\n')) });
  }
  return blocks;
}

/** The plain text of inline content (for titles and labels). */
export function inlineText(nodes: readonly Inline[]): string {
  return nodes.map((n) => (n.type === 'text' || n.type === 'code' ? n.text : n.type === 'break' ? ' ' : inlineText(n.children))).join('');
}
