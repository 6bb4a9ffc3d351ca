import type { Region } from '../../shared/domain/review';
import { regionBox, type Size } from '../lib/region';

interface Props {
  regions: readonly (Region & { id: number; note: string })[];
  frame: Size;
  /** The region to draw stronger (hovered or chosen in the list). */
  activeId?: number | null;
  onPick?: (id: number) => void;
}

/** Annotated regions drawn over a picture, placed by percentages of the artifact's own size, so any zoom fits. */
export function RegionOverlay({ regions, frame, activeId = null, onPick }: Props) {
  return (
    <div className="regions" aria-hidden={onPick ? undefined : true}>
      {regions.map((r, i) => (
        <div
          key={r.id}
          className={`region${r.id === activeId ? ' region--active' : ''}${r.id < 0 ? ' region--pending' : ''}`}
          style={regionBox(r, frame)}
          title={r.note || `Region ${i + 1}`}
          onClick={onPick ? () => onPick(r.id) : undefined}
          data-testid="region"
        >
          <span className="region__number">{i + 1}</span>
        </div>
      ))}
    </div>
  );
}
