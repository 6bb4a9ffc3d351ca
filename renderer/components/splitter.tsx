import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

interface Props {
  /** Current width of the pane this handle resizes. */
  value: number;
  min: number;
  max: number;
  label: string;
  /** The pane sits to the right of the handle, so dragging left widens it. */
  onChange: (width: number) => void;
}

const clamp = (v: number, min: number, max: number): number => Math.min(max, Math.max(min, v));

/** A vertical drag handle (also arrow keys when focused) between two panes. */
export function Splitter({ value, min, max, label, onChange }: Props) {
  const drag = useRef<{ x: number; width: number } | null>(null);

  const handlePointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    drag.current = { x: e.clientX, width: value };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const handlePointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    if (!drag.current) return;
    onChange(clamp(drag.current.width - (e.clientX - drag.current.x), min, max));
  };
  const handlePointerUp = (e: PointerEvent<HTMLDivElement>): void => {
    drag.current = null;
    e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const handleKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const step = e.shiftKey ? 80 : 20;
    if (e.key === 'ArrowLeft') onChange(clamp(value + step, min, max));
    else if (e.key === 'ArrowRight') onChange(clamp(value - step, min, max));
    else return;
    e.preventDefault();
  };

  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuenow={value}
      tabIndex={0}
      onPointerDown={handlePointerDown}
      onPointerMove={handlePointerMove}
      onPointerUp={handlePointerUp}
      onKeyDown={handleKeyDown}
    />
  );
}
