import { fireEvent, render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { MarkdownView } from './markdown-view';

const show = (source: string, onOpenLink = vi.fn()) => render(<MarkdownView source={source} onOpenLink={onOpenLink} />).container;

describe('MarkdownView safety', () => {
  it('shows <script> as text and never creates a script element', () => {
    const root = show('before <script>alert("x")</script> after');
    expect(root.querySelector('script')).toBeNull();
    expect(root.textContent).toContain('<script>alert("x")</script>');
  });

  it('shows <img onerror> and other raw HTML as inert text', () => {
    const root = show('<img src=x onerror="alert(1)">\n\n<a href="https://evil.example">click</a> <iframe src="x"></iframe>');
    expect(root.querySelector('img, a, iframe')).toBeNull();
    expect(root.querySelectorAll('[onerror], [href], [src]')).toHaveLength(0);
    expect(root.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(root.textContent).toContain('<iframe src="x"></iframe>');
  });

  it('never makes a javascript: or data: link followable', () => {
    const onOpenLink = vi.fn();
    const root = show('[run me](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=) and <javascript:alert(2)>', onOpenLink);
    expect(root.querySelector('button, a')).toBeNull();
    expect(root.querySelectorAll('.md__blocked')).toHaveLength(2);
    expect(root.textContent).toContain('run me (javascript:alert(1))');
    expect(onOpenLink).not.toHaveBeenCalled();
  });

  it('shows an http link without an href and asks the owner to confirm it', () => {
    const onOpenLink = vi.fn();
    const root = show('See [the report](https://example.org/r?a=1) or https://example.org/b.', onOpenLink);
    expect(root.querySelector('[href]')).toBeNull();
    const links = root.querySelectorAll('button.md__link');
    expect([...links].map((l) => l.textContent)).toEqual(['the report', 'https://example.org/b']);
    fireEvent.click(links[0] as Element);
    expect(onOpenLink).toHaveBeenCalledWith('https://example.org/r?a=1');
  });

  it('renders the Markdown analysts write: headings, emphasis, code, lists, quotes, line breaks', () => {
    const root = show(
      '# 원화 수정\n**urgent** and *soon*, `cut_012`\nnext line\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted 原畫\n\n```\n<raw> stays\n```',
    );
    expect(root.querySelector('h4')?.textContent).toBe('원화 수정');
    expect(root.querySelector('strong')?.textContent).toBe('urgent');
    expect(root.querySelector('em')?.textContent).toBe('soon');
    expect(root.querySelector('code')?.textContent).toBe('cut_012');
    expect(root.querySelector('p br')).not.toBeNull();
    expect([...root.querySelectorAll('ul li')].map((l) => l.textContent)).toEqual(['one', 'two']);
    expect([...root.querySelectorAll('ol li')].map((l) => l.textContent)).toEqual(['first', 'second']);
    expect(root.querySelector('blockquote')?.textContent).toBe('quoted 原畫');
    expect(root.querySelector('pre')?.textContent).toBe('<raw> stays');
  });

  it('leaves snake_case names and lone asterisks alone', () => {
    const root = show('file_name_v2.psd costs 2 * 3');
    expect(root.querySelector('em')).toBeNull();
    expect(root.textContent).toBe('file_name_v2.psd costs 2 * 3');
  });
});
