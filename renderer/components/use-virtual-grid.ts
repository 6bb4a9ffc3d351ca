import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import { useRef, type KeyboardEvent } from 'react';

export const GRID_ROW_HEIGHT = 24;
export const GRID_HEADER_HEIGHT = 26;

interface Options {
  /** Rows the virtual list holds, including any loading row. */
  count: number;
  /** Moves the selection by `delta` rows (clamped by the owner); returns the new index so the grid can scroll to it. */
  onMove: (delta: number) => number | null;
  onActivate: () => void;
}

/**
 * A virtualized `role="grid"` with one tab stop: arrows, Page Up/Down and Home/End move the selection, Enter activates it.
 * Rows sit under a sticky header of `GRID_HEADER_HEIGHT`; `rowTop` places a row below it.
 */
export function useVirtualGrid({ count, onMove, onActivate }: Options) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // No React Compiler in this build; the virtualizer's unstable functions are used only during this render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => GRID_ROW_HEIGHT,
    overscan: 30,
    scrollMargin: GRID_HEADER_HEIGHT,
  });

  const handleKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    // Keys on controls inside the grid (sort buttons) keep their own meaning.
    if (e.target !== e.currentTarget) return;
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / GRID_ROW_HEIGHT) - 1);
    const deltas: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: pageRows, PageUp: -pageRows, Home: -count, End: count };
    const delta = deltas[e.key];
    if (delta !== undefined) {
      e.preventDefault();
      const index = onMove(delta);
      if (index !== null) virtualizer.scrollToIndex(index, { align: 'auto' });
      return;
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      onActivate();
    }
  };

  return {
    scrollRef,
    items: virtualizer.getVirtualItems(),
    totalSize: virtualizer.getTotalSize(),
    rowTop: (v: VirtualItem): number => v.start - GRID_HEADER_HEIGHT,
    scrollToIndex: (index: number): void => virtualizer.scrollToIndex(index, { align: 'auto' }),
    handleKeyDown,
  };
}
