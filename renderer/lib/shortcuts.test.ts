import { describe, expect, it } from 'vitest';
import { keyTargetOf, shortcutFor, type KeyInput } from './shortcuts';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('shortcutFor', () => {
  it('maps the review keys outside fields', () => {
    expect(
      ['j', 'k', 'ArrowDown', 'ArrowUp', 't', 'n', 's', 'l', 'u', '?', '/', 'Escape', 'Enter'].map((k) => shortcutFor(key(k), 'other')),
    ).toEqual(['next', 'previous', 'next', 'previous', 'tag', 'note', 'star', 'label', 'undo', 'help', 'search', 'back', 'open']);
  });

  it('maps Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y and Ctrl+F (and Cmd on a Mac)', () => {
    expect(shortcutFor(key('z', { ctrlKey: true }), 'other')).toBe('undo');
    expect(shortcutFor(key('Z', { ctrlKey: true, shiftKey: true }), 'other')).toBe('redo');
    expect(shortcutFor(key('y', { ctrlKey: true }), 'other')).toBe('redo');
    expect(shortcutFor(key('f', { metaKey: true }), 'other')).toBe('search');
  });

  it('is silent while typing in a field, even for Ctrl+Z (the field undoes its own text)', () => {
    for (const k of ['j', 't', 's', 'u', '/', '?', 'Escape']) expect(shortcutFor(key(k), 'typing')).toBeNull();
    expect(shortcutFor(key('z', { ctrlKey: true }), 'typing')).toBeNull();
  });

  it('leaves Enter and the arrows to buttons and tabs, and ignores other modifiers', () => {
    expect(shortcutFor(key('Enter'), 'control')).toBeNull();
    expect(shortcutFor(key('ArrowDown'), 'control')).toBeNull();
    expect(shortcutFor(key('t'), 'control')).toBe('tag');
    expect(shortcutFor(key('t', { altKey: true }), 'other')).toBeNull();
    expect(shortcutFor(key('s', { ctrlKey: true }), 'other')).toBeNull();
    expect(shortcutFor(key('J', { shiftKey: true }), 'other')).toBeNull();
  });
});

describe('keyTargetOf', () => {
  it('tells fields, controls and the rest apart', () => {
    document.body.innerHTML =
      '<input id="i"><textarea id="t"></textarea><button id="b"><span id="s">x</span></button><div id="d" role="grid"></div>';
    const el = (id: string): Element | null => document.getElementById(id);
    expect(keyTargetOf(el('i'))).toBe('typing');
    expect(keyTargetOf(el('t'))).toBe('typing');
    expect(keyTargetOf(el('s'))).toBe('control');
    expect(keyTargetOf(el('d'))).toBe('other');
    expect(keyTargetOf(document.body)).toBe('other');
  });
});
