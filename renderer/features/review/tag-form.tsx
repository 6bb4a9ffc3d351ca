import { useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Confidence, ProductionSummary, TagStatus } from '../../../shared/domain/review';
import type { TagInput } from '../../store/slices/review';

interface Props {
  productions: ProductionSummary[];
  /** What the form changes, in words: "3 artifacts". */
  targetLabel: string;
  initial?: TagInput;
  onSubmit: (input: TagInput) => void;
  onCancel: () => void;
}

export const TAG_STATUSES: readonly { value: TagStatus; label: string }[] = [
  { value: 'suspected', label: 'Suspected' },
  { value: 'confirmed', label: 'Confirmed' },
  { value: 'ruled-out', label: 'Ruled out' },
];
export const CONFIDENCES: readonly { value: Confidence; label: string }[] = [
  { value: 'low', label: 'Low' },
  { value: 'medium', label: 'Medium' },
  { value: 'high', label: 'High' },
];

const matches = (p: ProductionSummary, q: string): boolean =>
  !q || p.title.toLowerCase().includes(q) || p.aliases.some((a) => a.text.toLowerCase().includes(q)) || p.id.includes(q);

/**
 * Tag to a production: type to find it (title or any alias, any script), arrows to choose, Enter to tag. Status and
 * confidence are radio groups, the rationale is free text (Ctrl+Enter tags from there too).
 */
export function TagForm({ productions, targetLabel, initial, onSubmit, onCancel }: Props) {
  const [query, setQuery] = useState(initial ? (productions.find((p) => p.id === initial.productionId)?.title ?? '') : '');
  const [chosen, setChosen] = useState<string | null>(initial?.productionId ?? null);
  const [status, setStatus] = useState<TagStatus>(initial?.status ?? 'suspected');
  const [confidence, setConfidence] = useState<Confidence>(initial?.confidence ?? 'medium');
  const [rationale, setRationale] = useState(initial?.rationale ?? '');
  const listId = useId();
  const q = query.trim().toLowerCase();
  const shown = useMemo(() => productions.filter((p) => matches(p, q)), [productions, q]);
  const current = shown.find((p) => p.id === chosen) ?? shown[0] ?? null;

  const submit = (): void => {
    if (current) onSubmit({ productionId: current.id, status, confidence, rationale: rationale.trim() });
  };
  const handleSubmit = (e: FormEvent): void => {
    e.preventDefault();
    submit();
  };
  const handleQueryKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const at = current ? shown.indexOf(current) : -1;
    const next = shown[Math.min(shown.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) setChosen(next.id);
  };
  const handleRationaleKey = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <form className="tag-form" onSubmit={handleSubmit} noValidate data-testid="tag-form">
      <label className="field__label" htmlFor={`${listId}-q`}>
        Production
      </label>
      <input
        id={`${listId}-q`}
        className="input"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setChosen(null);
        }}
        onKeyDown={handleQueryKey}
        placeholder="Type a title or an alias: Invincible, 인빈서블, 無敵少俠…"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={current ? `${listId}-${current.id}` : undefined}
        autoComplete="off"
        spellCheck={false}
        data-autofocus
        data-testid="tag-production-query"
      />
      <ul className="choice-list" id={listId} role="listbox" aria-label="Productions">
        {shown.map((p) => (
          <li
            key={p.id}
            id={`${listId}-${p.id}`}
            role="option"
            aria-selected={p === current}
            className={`choice-list__item${p === current ? ' choice-list__item--on' : ''}`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => setChosen(p.id)}
            data-testid="tag-production"
            data-id={p.id}
          >
            <span className="choice-list__title">{p.title}</span>
            <span className="choice-list__meta">
              {p.aliases
                .slice(0, 4)
                .map((a) => a.text)
                .join(' · ')}
            </span>
          </li>
        ))}
        {shown.length === 0 ? <li className="muted choice-list__empty">No production matches; add it to the watchlist first.</li> : null}
      </ul>
      <div className="field-row">
        <fieldset className="segmented">
          <legend>Status</legend>
          {TAG_STATUSES.map((s) => (
            <label key={s.value} className={`segmented__option${status === s.value ? ' segmented__option--on' : ''}`}>
              <input type="radio" name="status" value={s.value} checked={status === s.value} onChange={() => setStatus(s.value)} />
              {s.label}
            </label>
          ))}
        </fieldset>
        <fieldset className="segmented">
          <legend>Confidence</legend>
          {CONFIDENCES.map((c) => (
            <label key={c.value} className={`segmented__option${confidence === c.value ? ' segmented__option--on' : ''}`}>
              <input
                type="radio"
                name="confidence"
                value={c.value}
                checked={confidence === c.value}
                onChange={() => setConfidence(c.value)}
              />
              {c.label}
            </label>
          ))}
        </fieldset>
      </div>
      <label className="field__label" htmlFor={`${listId}-why`}>
        Rationale
      </label>
      <textarea
        id={`${listId}-why`}
        className="input"
        rows={3}
        value={rationale}
        onChange={(e) => setRationale(e.target.value)}
        onKeyDown={handleRationaleKey}
        placeholder="Why: what in the file ties it to the production"
        data-testid="tag-rationale"
      />
      <div className="dialog__actions">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn--primary" disabled={!current} data-testid="tag-submit">
          Tag {targetLabel}
          {current ? ` as ${current.title}` : ''}
        </button>
      </div>
    </form>
  );
}
