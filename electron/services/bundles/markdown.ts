import MarkdownIt from 'markdown-it';

/**
 * Analysts' notes in Markdown, rendered for the report. Notes can quote hostile evidence, so nothing passes through
 * as HTML: raw HTML is escaped (html: false), and links, autolinks and images are switched off, which leaves their
 * text visible as typed and keeps the self-contained report from pointing anywhere, let alone loading anything.
 */
const md = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false }).disable(['link', 'image', 'autolink']);

export const renderNote = (markdown: string): string => md.render(markdown);
