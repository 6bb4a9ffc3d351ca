import type { PageTextItem } from '../../../shared/domain/preview';
import type { Size } from '../../lib/region';

interface Props {
  items: readonly PageTextItem[];
  frame: Size;
  /** Screen pixels per PDF point at the current zoom. */
  scale: number;
}

/** The page's text as invisible, selectable runs over the picture: copy a line of an editing sheet as text. */
export function TextLayer({ items, frame, scale }: Props) {
  return (
    <div className="textlayer" data-testid="text-layer">
      {items.map((t, i) => (
        <span
          key={i}
          style={{
            left: `${(t.x / frame.width) * 100}%`,
            top: `${(t.y / frame.height) * 100}%`,
            width: `${(t.width / frame.width) * 100}%`,
            height: `${(t.height / frame.height) * 100}%`,
            fontSize: `${Math.max(1, t.height * scale * 0.9)}px`,
          }}
        >
          {t.text}
        </span>
      ))}
    </div>
  );
}
