import type { HTMLAttributes } from 'react';

interface Props extends Omit<HTMLAttributes<HTMLDivElement>, 'role' | 'style'> {
  /** Index in the virtual list; the header is row 1, so this row is `index + 2` for assistive tech. */
  index: number;
  /** Offset below the header, from `useVirtualGrid().rowTop`. */
  top: number;
  /** Omitted for placeholder rows, which cannot be selected. */
  isSelected?: boolean;
  isPlaceholder?: boolean;
}

/** One absolutely placed row of a virtualized `role="grid"`, striped by index. */
export function GridRow({ index, top, isSelected, isPlaceholder = false, className, children, ...rest }: Props) {
  const classes = [
    'grid__row',
    isPlaceholder ? 'grid__row--placeholder' : null,
    isSelected ? 'grid__row--selected' : null,
    !isPlaceholder && index % 2 ? 'grid__row--odd' : null,
    className,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      {...rest}
      className={classes}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={isSelected}
      style={{ transform: `translateY(${top}px)` }}
    >
      {children}
    </div>
  );
}
