import { useMemo, type ReactNode } from 'react';
import { inlineText, parseMarkdown, type Block, type Inline } from '../lib/markdown';

interface Props {
  source: string;
  /** A followable link was clicked: the owner asks the analyst before opening it. */
  onOpenLink: (href: string) => void;
}

function renderInline(nodes: readonly Inline[], onOpenLink: (href: string) => void): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.type) {
      case 'text':
        return n.text;
      case 'break':
        return <br key={i} />;
      case 'code':
        return <code key={i}>{n.text}</code>;
      case 'strong':
        return <strong key={i}>{renderInline(n.children, onOpenLink)}</strong>;
      case 'em':
        return <em key={i}>{renderInline(n.children, onOpenLink)}</em>;
      case 'del':
        return <del key={i}>{renderInline(n.children, onOpenLink)}</del>;
      case 'link':
        // No href: the browser never navigates on its own; a followable target opens only after a confirmation.
        return n.isFollowable ? (
          <button key={i} type="button" className="md__link" title={`Open ${n.href} (asks first)`} onClick={() => onOpenLink(n.href)}>
            {renderInline(n.children, onOpenLink)}
          </button>
        ) : (
          <span key={i} className="md__blocked" title={`Link not followed: ${n.href || 'no target'}`}>
            {renderInline(n.children, onOpenLink)}
            <span className="md__blocked-target"> ({n.href || 'no target'})</span>
          </span>
        );
      default:
        return null;
    }
  });
}

function renderBlock(block: Block, key: number, onOpenLink: (href: string) => void): ReactNode {
  switch (block.type) {
    case 'heading': {
      // Headings inside a note are smaller than the pane's own titles: h4–h6 keep the document outline intact.
      const Tag = (['h4', 'h4', 'h5', 'h5', 'h6', 'h6'] as const)[block.level - 1] ?? 'h6';
      return (
        <Tag key={key} className="md__heading" title={inlineText(block.children)}>
          {renderInline(block.children, onOpenLink)}
        </Tag>
      );
    }
    case 'paragraph':
      return <p key={key}>{renderInline(block.children, onOpenLink)}</p>;
    case 'list': {
      const items = block.items.map((item, i) => <li key={i}>{renderInline(item, onOpenLink)}</li>);
      return block.isOrdered ? (
        <ol key={key} start={block.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'code':
      return (
        <pre key={key} className="md__code">
          {block.text}
        </pre>
      );
    case 'quote':
      return <blockquote key={key}>{block.children.map((b, i) => renderBlock(b, i, onOpenLink))}</blockquote>;
    case 'rule':
      return <hr key={key} />;
    default:
      return null;
  }
}

/** A note's Markdown as React elements only: no HTML string ever reaches the DOM, and links ask before opening. */
export function MarkdownView({ source, onOpenLink }: Props) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return <div className="md">{blocks.map((b, i) => renderBlock(b, i, onOpenLink))}</div>;
}
