import { createHash } from 'node:crypto';
import type { WatchlistHit } from '../../../shared/domain/analysis';
import type { ManifestTag } from '../../../shared/domain/bundle';
import type { ArtifactFacts } from './manifest';
import { renderNote } from './markdown';
import type { Thumbnail } from './thumbnail';

/*
 * report.html: one self-contained, printable page for a reader who is not technical. It loads nothing: styles are
 * inline (allowed by their hash in a strict Content-Security-Policy), pictures are data: URLs, there is no script,
 * and no link leaves the page. Everything taken from the case (file names, metadata, notes, text) is evidence or
 * the analyst's typing and may hold markup, so every such string goes through `esc` or the Markdown renderer that
 * escapes raw HTML.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (value: string | number | null | undefined): string =>
  value === null || value === undefined ? '' : String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const COLOR = /^#[0-9a-f]{6}$/i;

export interface ReportCard {
  facts: ArtifactFacts;
  text: string | null;
  thumbnail: Thumbnail | { reason: string } | null;
  languages: string[];
}

export interface ProductionSummary {
  id: string;
  title: string;
  aliases: string[];
  counts: { confirmed: number; suspected: number; ruledOut: number };
  stages: [string, number][];
  strongest: { artifactId: number; path: string; tag: ManifestTag; reason: string }[];
}

export interface TimelineRow {
  at: string;
  what: string;
  subject: string;
  artifactId: number | null;
}

export interface ReportInput {
  caseName: string;
  caseDescription: string;
  caseExaminer: string;
  exportId: string;
  exportedAt: string;
  exportedBy: string;
  tool: string;
  selection: string;
  originals: boolean;
  artifactCount: number;
  labels: ReadonlyMap<number, { name: string; color: string }>;
  productions: ProductionSummary[];
  timeline: TimelineRow[];
  logDays: { day: string; country: string; requests: number; ips: number }[];
  cards: ReportCard[];
  /** Artifacts listed in the closing table (the rest are in artifacts.csv). */
  rows: ArtifactFacts[];
  rowsOmitted: number;
}

const STYLE = `
:root { color-scheme: light; --ink: #1c2430; --muted: #5b6675; --line: #d8dde4; --paper: #ffffff; --wash: #f4f6f8;
  --confirmed: #1f7a3d; --suspected: #9a6400; --ruled: #6b7280; --mark: #ffe58a; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 "Noto Sans", "Noto Sans CJK SC", "Noto Sans CJK KR", "Segoe UI", "Malgun Gothic", "Microsoft YaHei", sans-serif;
  color: var(--ink); background: var(--wash); }
main { max-width: 1040px; margin: 0 auto; padding: 24px; background: var(--paper); }
h1 { font-size: 28px; margin: 4px 0 8px; } h2 { font-size: 21px; margin: 36px 0 12px; border-bottom: 2px solid var(--ink); padding-bottom: 4px; }
h3 { font-size: 17px; margin: 0 0 4px; } h4 { font-size: 14px; margin: 12px 0 4px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.kicker { color: var(--muted); margin: 0; font-size: 13px; text-transform: uppercase; letter-spacing: .06em; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 16px 0; }
.facts dt { color: var(--muted); } .facts dd { margin: 0; overflow-wrap: anywhere; }
.howto { background: var(--wash); border-left: 4px solid var(--ink); padding: 10px 14px; font-size: 14px; }
code, .hash, .path { font-family: "DejaVu Sans Mono", "Noto Sans Mono CJK SC", Consolas, monospace; font-size: 12.5px; overflow-wrap: anywhere; }
nav ol { columns: 2; font-size: 14px; }
.production { border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin: 12px 0; break-inside: avoid; }
.aliases { color: var(--muted); font-size: 13px; }
.card { display: grid; grid-template-columns: 240px 1fr; gap: 16px; border: 1px solid var(--line); border-radius: 6px; padding: 14px;
  margin: 14px 0; break-inside: avoid; }
.thumb { position: relative; border: 1px solid var(--line); background: var(--wash); line-height: 0; }
.thumb img { width: 100%; height: auto; display: block; }
.thumb svg { position: absolute; inset: 0; width: 100%; height: 100%; }
.thumb rect { fill: rgba(255, 196, 0, .18); stroke: #d11; stroke-width: 3; vector-effect: non-scaling-stroke; }
.thumb text { fill: #d11; font: bold 14px sans-serif; }
.nothumb { border: 1px dashed var(--line); color: var(--muted); font-size: 13px; padding: 16px; line-height: 1.4; }
.tags { list-style: none; padding: 0; margin: 6px 0; display: flex; flex-wrap: wrap; gap: 6px; }
.tag { border-radius: 12px; padding: 1px 10px; font-size: 13px; color: #fff; }
.tag--confirmed { background: var(--confirmed); } .tag--suspected { background: var(--suspected); } .tag--ruled-out { background: var(--ruled); }
.label { border-radius: 3px; padding: 0 6px; font-size: 12px; color: #fff; background: #555; }
.why { font-size: 14px; margin: 4px 0 8px 18px; padding: 0; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0 12px; font-size: 13.5px; margin: 8px 0; }
.meta dt { color: var(--muted); } .meta dd { margin: 0; overflow-wrap: anywhere; }
blockquote { margin: 8px 0; padding: 8px 12px; background: var(--wash); border-left: 3px solid var(--line); white-space: pre-wrap;
  overflow-wrap: anywhere; font-size: 14px; }
mark { background: var(--mark); padding: 0 1px; }
.note { border-top: 1px solid var(--line); padding-top: 6px; margin-top: 6px; font-size: 14px; }
.note p { margin: 4px 0; } .byline { color: var(--muted); font-size: 12.5px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; border-bottom: 1px solid var(--line); padding: 4px 6px; vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--wash); white-space: nowrap; }
.muted { color: var(--muted); }
footer { margin-top: 40px; color: var(--muted); font-size: 12.5px; }
@media print {
  body { background: #fff; font-size: 11pt; } main { max-width: none; padding: 0; }
  nav { display: none; } h2 { break-after: avoid; } .card, .production, tr { break-inside: avoid; }
  .tag, .label, mark, .thumb rect { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

function labelStyles(labels: ReportInput['labels']): string {
  return [...labels.entries()]
    .filter(([, l]) => COLOR.test(l.color))
    .map(([id, l]) => `.label-${id} { background: ${l.color}; }`)
    .join('\n');
}

const number = (n: number): string => n.toLocaleString('en-US');

function bytes(n: number | null): string {
  if (n === null) return '';
  if (n < 1024) return `${number(n)} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]} (${number(n)} bytes)`;
}

const STATUS_WORDS: Record<ManifestTag['status'], string> = { confirmed: 'confirmed', suspected: 'suspected', 'ruled-out': 'ruled out' };

/** Text with each [start, end) range wrapped in <mark>, everything escaped. */
export function highlight(text: string, ranges: readonly { start: number; end: number }[]): string {
  const sorted = [...ranges].filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const r of sorted) {
    if (r.start < at) continue;
    out += `${esc(text.slice(at, r.start))}<mark>${esc(text.slice(r.start, r.end))}</mark>`;
    at = r.end;
  }
  return out + esc(text.slice(at));
}

const EXCERPT_BEFORE = 160;
const EXCERPT_AFTER = 320;

/** A passage of the text around the first title found in it, with every title in the passage highlighted. */
function excerpt(text: string, hits: readonly WatchlistHit[]): string {
  const inText = hits.filter((h) => h.field === 'text' && h.end <= text.length).sort((a, b) => a.start - b.start);
  const first = inText[0];
  const from = first ? Math.max(0, first.start - EXCERPT_BEFORE) : 0;
  const to = Math.min(text.length, first ? first.end + EXCERPT_AFTER : EXCERPT_BEFORE + EXCERPT_AFTER);
  const ranges = inText.filter((h) => h.start >= from && h.end <= to).map((h) => ({ start: h.start - from, end: h.end - from }));
  return `${from > 0 ? '… ' : ''}${highlight(text.slice(from, to), ranges)}${to < text.length ? ' …' : ''}`;
}

function hitsOf(f: ArtifactFacts): WatchlistHit[] {
  return [...f.tags.flatMap((t) => t.evidence ?? []), ...f.suggestions.flatMap((s) => s.hits)];
}

function snippet(hit: WatchlistHit): string {
  return highlight(hit.snippet, [hit.highlight]);
}

function thumbnailHtml(card: ReportCard): string {
  const t = card.thumbnail;
  const regions = card.facts.annotations;
  if (!t || 'reason' in t) {
    const a = card.facts.row;
    const why = t ? t.reason : `a ${a.mime ?? a.kind} file has none; its facts and text are beside`;
    return `<div class="nothumb">No picture: ${esc(why)}</div>`;
  }
  const drawable = regions.filter((r) => r.page === null || r.page === 1);
  const overlay =
    t.width && t.height && drawable.length
      ? `<svg viewBox="0 0 ${t.width} ${t.height}" preserveAspectRatio="none" role="img" aria-label="Marked regions">${drawable
          .map(
            (r) =>
              `<rect x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}"></rect><text x="${r.x + 4}" y="${r.y + 16}">${regions.indexOf(r) + 1}</text>`,
          )
          .join('')}</svg>`
      : '';
  return `<div class="thumb"><img src="${esc(t.dataUrl)}" alt="Picture of ${esc(card.facts.row.name)}">${overlay}</div>${
    t.note ? `<p class="muted">${esc(t.note)}</p>` : ''
  }`;
}

function tagsHtml(f: ArtifactFacts, labels: ReportInput['labels']): string {
  const tags = f.tags.map(
    (t) =>
      `<li class="tag tag--${esc(t.status)}">${esc(t.productionTitle)} · ${esc(STATUS_WORDS[t.status])} · ${esc(t.confidence)} confidence</li>`,
  );
  const applied = f.labels.map((l) => {
    const label = labels.get(l.labelId);
    return `<li class="label label-${l.labelId}">${esc(label?.name ?? `label ${l.labelId}`)}</li>`;
  });
  const star = f.star ? ['<li class="label">★ starred</li>'] : [];
  return tags.length + applied.length + star.length ? `<ul class="tags">${[...tags, ...applied, ...star].join('')}</ul>` : '';
}

function reasonsHtml(f: ArtifactFacts): string {
  const items: string[] = [];
  for (const t of f.tags) {
    const why = t.rationale ? esc(t.rationale) : '';
    const evidence = (t.evidence ?? []).slice(0, 3).map((h) => `${esc(h.reason)}: “${snippet(h)}”`);
    const by = `<span class="byline">(${esc(t.examiner)}, ${esc(t.updatedAt.slice(0, 10))})</span>`;
    items.push(
      `<li><strong>${esc(t.productionTitle)}</strong>: ${[why, ...evidence].filter(Boolean).join('; ') || 'no reason written'} ${by}</li>`,
    );
  }
  for (const s of f.suggestions.filter((s) => s.status === 'open').slice(0, 2)) {
    const h = s.hits[0];
    if (h) items.push(`<li class="muted">Suggested (not decided): ${esc(h.title)}, ${esc(h.reason)}: “${snippet(h)}”</li>`);
  }
  return items.length ? `<ul class="why">${items.join('')}</ul>` : '';
}

function metaHtml(card: ReportCard): string {
  const a = card.facts.row;
  const rows: [string, string][] = [
    ['Where', `<span class="path">${esc(a.path)}</span>`],
    ['Type', `${esc(a.mime ?? a.kind)}${a.mismatch ? ' <strong>(the name’s extension does not match the content)</strong>' : ''}`],
    ['Size', esc(bytes(a.size))],
    ['Modified', esc(a.mtime)],
  ];
  if (a.birthtime) rows.push(['Created', esc(a.birthtime)]);
  if (card.languages.length) rows.push(['Languages', esc(card.languages.join(', '))]);
  if (card.facts.stage) rows.push(['Production stage', esc(card.facts.stage)]);
  if (card.facts.nkScore > 0) rows.push(['North Korean spelling', esc(`${Math.round(card.facts.nkScore * 100)} %`)]);
  if (a.error) rows.push(['Problem', esc(a.error)]);
  return `<dl class="meta">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function cardHtml(card: ReportCard, labels: ReportInput['labels']): string {
  const f = card.facts;
  const a = f.row;
  const text = card.text ? `<h4>Text</h4><blockquote>${excerpt(card.text, hitsOf(f))}</blockquote>` : '';
  const notes = f.notes.length
    ? `<h4>Notes</h4>${f.notes
        .map((n) => `<div class="note">${renderNote(n.body)}<div class="byline">${esc(n.examiner)}, ${esc(n.updatedAt)}</div></div>`)
        .join('')}`
    : '';
  const regions = f.annotations.length
    ? `<h4>Marked regions</h4><ol>${f.annotations
        .map(
          (r) =>
            `<li>${r.page ? `page ${r.page}, ` : ''}${esc(Math.round(r.width))}×${esc(Math.round(r.height))} at (${esc(Math.round(r.x))}, ${esc(Math.round(r.y))})${
              r.note ? `: ${esc(r.note)}` : ''
            } <span class="byline">(${esc(r.examiner)})</span></li>`,
        )
        .join('')}</ol>`
    : '';
  const original =
    f.original && 'file' in f.original
      ? `<p class="muted">The file itself is in this bundle as <code>${esc(f.original.file)}</code>.</p>`
      : f.original
        ? `<p class="muted">The file itself is not in this bundle: ${esc(f.original.omitted)}.</p>`
        : '';
  return `<article class="card" id="a${a.id}">
<div>${thumbnailHtml(card)}</div>
<div><h3>${esc(a.name)} <span class="muted">#${a.id}</span></h3>${tagsHtml(f, labels)}${reasonsHtml(f)}${metaHtml(card)}${text}${notes}${regions}
<h4>Fingerprints</h4><dl class="meta"><dt>SHA-256</dt><dd class="hash">${esc(a.sha256)}</dd><dt>SHA-1</dt><dd class="hash">${esc(a.sha1)}</dd><dt>MD5</dt><dd class="hash">${esc(a.md5)}</dd></dl>${original}</div>
</article>
`;
}

function productionHtml(p: ProductionSummary): string {
  const total = p.counts.confirmed + p.counts.suspected + p.counts.ruledOut;
  const stages = p.stages.length
    ? `<p>Production stages seen: ${p.stages.map(([s, n]) => `${esc(s)} (${n})`).join(', ')}.</p>`
    : '<p class="muted">No production stage could be told from these files.</p>';
  const strongest = p.strongest.length
    ? `<h4>Strongest evidence</h4><ol>${p.strongest
        .map(
          (s) =>
            `<li><a href="#a${s.artifactId}"><span class="path">${esc(s.path)}</span></a>: ${esc(STATUS_WORDS[s.tag.status])}, ${esc(s.tag.confidence)} confidence. ${esc(s.reason)}</li>`,
        )
        .join('')}</ol>`
    : '';
  return `<article class="production"><h3>${esc(p.title)}</h3>${p.aliases.length ? `<p class="aliases">Also written: ${esc(p.aliases.join(' · '))}</p>` : ''}
<p>${number(total)} ${total === 1 ? 'file is' : 'files are'} tagged to this production: ${number(p.counts.confirmed)} confirmed, ${number(p.counts.suspected)} suspected, ${number(p.counts.ruledOut)} ruled out.</p>
${stages}${strongest}</article>`;
}

function timelineHtml(input: ReportInput): string {
  const rows = [
    ...input.timeline.map((t) => ({ at: t.at, what: t.what, subject: t.subject, artifactId: t.artifactId })),
    ...input.logDays.map((d) => ({
      at: d.day,
      what: 'Server log',
      subject: `${number(d.requests)} requests from ${d.country} (${number(d.ips)} addresses)`,
      artifactId: null,
    })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  if (rows.length === 0) return '<p class="muted">No dated events for the tagged files.</p>';
  return `<table><thead><tr><th>When (as recorded)</th><th>What</th><th>File or activity</th></tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr><td>${esc(r.at)}</td><td>${esc(r.what)}</td><td>${
          r.artifactId === null ? esc(r.subject) : `<a href="#a${r.artifactId}"><span class="path">${esc(r.subject)}</span></a>`
        }</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function tableHtml(input: ReportInput): string {
  const rows = input.rows
    .map((f) => {
      const a = f.row;
      const tags = f.tags.map((t) => `${t.productionTitle} (${STATUS_WORDS[t.status]})`).join(', ');
      return `<tr><td>${a.id}</td><td class="path">${esc(a.path)}</td><td>${esc(a.mime ?? a.kind)}</td><td>${esc(a.size === null ? '' : number(a.size))}</td><td>${esc(tags)}</td><td class="hash">${esc(a.sha256)}</td></tr>`;
    })
    .join('\n');
  const more = input.rowsOmitted
    ? `<p class="muted">${number(input.rowsOmitted)} more artifacts are listed in artifacts.csv and manifest.json.</p>`
    : '';
  return `<table><thead><tr><th>#</th><th>Path</th><th>Type</th><th>Bytes</th><th>Tags</th><th>SHA-256</th></tr></thead><tbody>
${rows}
</tbody></table>${more}`;
}

/** The report, as chunks of HTML (a large case is never one string). */
export function* reportHtml(input: ReportInput): Generator<string> {
  const style = `${STYLE}\n${labelStyles(input.labels)}\n`;
  // The policy allows exactly this style block and data: pictures; no script, no request, no form, no base URL.
  const styleHash = createHash('sha256').update(style, 'utf8').digest('base64');
  const csp = `default-src 'none'; img-src data:; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action 'none'`;
  yield `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(input.caseName)}: case bundle report</title>
<style>${style}</style>
</head>
<body>
<main>
<header>
<p class="kicker">Evidence Workbench · case bundle report</p>
<h1>${esc(input.caseName)}</h1>
${input.caseDescription ? `<p>${esc(input.caseDescription)}</p>` : ''}
<dl class="facts">
<dt>Case examiner</dt><dd>${esc(input.caseExaminer)}</dd>
<dt>Exported by</dt><dd>${esc(input.exportedBy)}</dd>
<dt>Exported at</dt><dd>${esc(input.exportedAt)} (UTC)</dd>
<dt>What was exported</dt><dd>${esc(input.selection)}</dd>
<dt>Files described</dt><dd>${number(input.artifactCount)}</dd>
<dt>Evidence files included</dt><dd>${input.originals ? 'yes, in the folder originals/' : 'no (descriptions, fingerprints and review only)'}</dd>
<dt>Made with</dt><dd>${esc(input.tool)}, export ${esc(input.exportId)}</dd>
</dl>
<p class="howto">This report is one file of a case bundle. Every file of the bundle, this one included, is listed with its SHA-256 fingerprint in the file <code>SHA256SUMS</code>.
To check that nothing was changed, unpack the bundle and run <code>sha256sum -c SHA256SUMS</code> in its folder, or run <code>workbench verify</code> on the zip.
The fingerprints of each evidence file below are those recorded when the evidence was first read; the evidence itself was never modified.</p>
</header>
<nav><h2>Contents</h2><ol><li><a href="#productions">Summary by production</a></li><li><a href="#timeline">Timeline</a></li><li><a href="#evidence">Evidence (${number(input.cards.length)} files)</a></li><li><a href="#all">All files in this bundle</a></li></ol></nav>
<section id="productions"><h2>Summary by production</h2>
${input.productions.length ? input.productions.map(productionHtml).join('\n') : '<p class="muted">No file in this bundle is tagged to a production.</p>'}
</section>
<section id="timeline"><h2>Timeline</h2>
<p class="muted">Dates of the tagged files and, where the case holds web-server logs, the requests recorded in them per day and country. Times are shown as the files and logs recorded them.</p>
${timelineHtml(input)}
</section>
<section id="evidence"><h2>Evidence</h2>
<p class="muted">Every file the analysts tagged, starred, labelled, annotated or wrote a note on, with the reasons they gave. Highlighted words are the production titles and aliases the workbench found.</p>
`;
  if (input.cards.length === 0) yield '<p class="muted">No file in this bundle has been reviewed yet.</p>\n';
  for (const card of input.cards) yield cardHtml(card, input.labels);
  yield `</section>
<section id="all"><h2>All files in this bundle</h2>
`;
  yield tableHtml(input);
  yield `
</section>
<footer>Generated by ${esc(input.tool)} on ${esc(input.exportedAt)}. This page loads nothing from the network and runs no script.</footer>
</main>
</body>
</html>
`;
}
