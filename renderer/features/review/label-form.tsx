import { useId, useState, type FormEvent } from 'react';
import type { Label } from '../../../shared/domain/review';

interface Props {
  labels: Label[];
  /** How many of the targets carry each label (among the rows loaded). */
  applied: Record<number, number>;
  targetCount: number;
  onApply: (labelId: number, isApplied: boolean) => void;
  /** Creates the label and puts it on the targets. */
  onCreate: (name: string, color: string) => void;
  onDone: () => void;
}

export const LABEL_COLORS = ['#d93f0b', '#e99695', '#fbca04', '#0e8a16', '#1d76db', '#5319e7', '#b60205', '#006b75', '#c5def5', '#6a7280'];

/**
 * Labels for the selected artifacts: tick to apply, untick to take off; typing filters, and Enter on a name no label
 * has creates it (in the colour picked) and applies it.
 */
export function LabelForm({ labels, applied, targetCount, onApply, onCreate, onDone }: Props) {
  const [query, setQuery] = useState('');
  const [color, setColor] = useState(LABEL_COLORS[labels.length % LABEL_COLORS.length] ?? '#1d76db');
  const id = useId();
  const q = query.trim();
  const shown = labels.filter((l) => l.name.toLowerCase().includes(q.toLowerCase()));
  const exact = labels.find((l) => l.name.toLowerCase() === q.toLowerCase());

  const handleSubmit = (e: FormEvent): void => {
    e.preventDefault();
    if (!q) {
      onDone();
      return;
    }
    if (exact) {
      onApply(exact.id, (applied[exact.id] ?? 0) < targetCount);
      onDone();
    } else {
      onCreate(q, color);
    }
  };

  return (
    <form className="label-form" onSubmit={handleSubmit} noValidate data-testid="label-form">
      <label className="field__label" htmlFor={`${id}-q`}>
        Find or create a label
      </label>
      <input
        id={`${id}-q`}
        className="input"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder="e.g. model sheet, needs translation"
        autoComplete="off"
        spellCheck={false}
        data-autofocus
        data-testid="label-query"
      />
      {shown.length === 0 && q ? null : (
        <ul className="check-list" aria-label="Labels">
          {shown.map((l) => {
            const count = applied[l.id] ?? 0;
            const isAll = count >= targetCount && targetCount > 0;
            return (
              <li key={l.id}>
                <label className="check-list__item" data-testid="label-option" data-label={l.name}>
                  <input
                    type="checkbox"
                    checked={isAll}
                    ref={(el) => {
                      if (el) el.indeterminate = count > 0 && !isAll;
                    }}
                    onChange={() => onApply(l.id, !isAll)}
                  />
                  <span className="swatch" style={{ background: l.color }} aria-hidden="true" />
                  <span className="check-list__name">{l.name}</span>
                  <span className="check-list__meta">
                    {count > 0 && !isAll ? `on ${count} of ${targetCount} · ` : ''}
                    {l.count} in case
                  </span>
                </label>
              </li>
            );
          })}
          {shown.length === 0 ? <li className="muted check-list__empty">No labels yet: type a name and press Enter.</li> : null}
        </ul>
      )}
      {q && !exact ? (
        <fieldset className="swatches">
          <legend>
            Colour for the new label <q>{q}</q>
          </legend>
          {LABEL_COLORS.map((c) => (
            <label key={c} className={`swatches__option${c === color ? ' swatches__option--on' : ''}`} title={c}>
              <input type="radio" name="color" value={c} checked={c === color} onChange={() => setColor(c)} aria-label={c} />
              <span className="swatch swatch--big" style={{ background: c }} />
            </label>
          ))}
        </fieldset>
      ) : null}
      <div className="dialog__actions">
        <button type="button" className="btn" onClick={onDone}>
          Done
        </button>
        {q && !exact ? (
          <button type="submit" className="btn btn--primary" data-testid="label-create">
            Create <q>{q}</q> and apply
          </button>
        ) : exact ? (
          <button type="submit" className="btn btn--primary" data-testid="label-apply">
            {(applied[exact.id] ?? 0) < targetCount ? 'Apply' : 'Take off'} <q>{exact.name}</q>
          </button>
        ) : null}
      </div>
    </form>
  );
}
