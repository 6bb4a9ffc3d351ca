import { useState, type FormEvent } from 'react';
import { formatCount } from '../../lib/format';
import { normalizeBound, type TimeRangeInput } from '../../lib/time-range';
import './timeline-filter.css';

interface Props {
  range: TimeRangeInput;
  count: number;
  hasMore: boolean;
  isLoading: boolean;
  /** What the events are of: `All artifacts`, a folder, or the pinned artifact's path. */
  scopeLabel: string;
  /** Access-log requests only, from this client, network or place (`Client 1.2.3.4`, `CN · Jilin`); null: every event. */
  logFilterLabel: string | null;
  onClearLogFilter: () => void;
  isPinned: boolean;
  canPin: boolean;
  onRangeChange: (range: TimeRangeInput) => void;
  onPinChange: (isPinned: boolean) => void;
}

const HINT =
  'UTC, inclusive: 2024-03-15, 2024-03-15 14:22 or 2024-03-15 14:22:05. Values recorded without an offset are compared as recorded.';

export function TimelineToolbar({
  range,
  count,
  hasMore,
  isLoading,
  scopeLabel,
  logFilterLabel,
  onClearLogFilter,
  isPinned,
  canPin,
  onRangeChange,
  onPinChange,
}: Props) {
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [invalid, setInvalid] = useState<{ from: boolean; to: boolean }>({ from: false, to: false });
  // The range also changes from outside (another case opened): the boxes follow it, keeping focus where it is.
  const [shown, setShown] = useState(range);
  if (shown !== range) {
    setShown(range);
    setFrom(range.from);
    setTo(range.to);
  }

  const handleSubmit = (e: FormEvent): void => {
    e.preventDefault();
    const next = { from: normalizeBound(from), to: normalizeBound(to) };
    setInvalid({ from: next.from === null, to: next.to === null });
    if (next.from === null || next.to === null) return;
    setFrom(next.from);
    setTo(next.to);
    onRangeChange({ from: next.from, to: next.to });
  };
  const handleClear = (): void => {
    setFrom('');
    setTo('');
    setInvalid({ from: false, to: false });
    onRangeChange({ from: '', to: '' });
  };
  const isChanged = from !== range.from || to !== range.to;

  return (
    <div className="toolbar toolbar--timeline" data-testid="timeline-toolbar">
      <form className="timeline-range" onSubmit={handleSubmit} aria-label="Time range (UTC)" title={HINT} noValidate>
        <input
          type="text"
          className={`input input--small input--mono timeline-range__input${invalid.from ? ' input--invalid' : ''}`}
          placeholder="From (UTC)"
          aria-label="From, UTC"
          aria-invalid={invalid.from || undefined}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          spellCheck={false}
          data-testid="timeline-from"
        />
        <span className="timeline-range__dash" aria-hidden="true">
          –
        </span>
        <input
          type="text"
          className={`input input--small input--mono timeline-range__input${invalid.to ? ' input--invalid' : ''}`}
          placeholder="To (UTC)"
          aria-label="To, UTC"
          aria-invalid={invalid.to || undefined}
          value={to}
          onChange={(e) => setTo(e.target.value)}
          spellCheck={false}
          data-testid="timeline-to"
        />
        <button type="submit" className="btn btn--small" disabled={!isChanged} data-testid="timeline-apply">
          Apply
        </button>
        {range.from || range.to ? (
          <button type="button" className="btn btn--small" onClick={handleClear} data-testid="timeline-clear">
            Clear
          </button>
        ) : null}
        {invalid.from || invalid.to ? (
          <span className="timeline-range__error" role="alert" data-testid="timeline-range-error">
            Use 2024-03-15 or 2024-03-15 14:22[:05]
          </span>
        ) : null}
      </form>
      <button
        type="button"
        className={`btn btn--small${isPinned ? ' btn--pressed' : ''}`}
        aria-pressed={isPinned}
        disabled={!isPinned && !canPin}
        onClick={() => onPinChange(!isPinned)}
        title={isPinned ? 'Show the folder picked in the sources tree again' : 'Show only the dates of the selected artifact'}
        data-testid="timeline-pin"
      >
        Selected artifact only
      </button>
      {logFilterLabel ? (
        <span className="filter-chip" title={`Only access-log requests from ${logFilterLabel}`} data-testid="timeline-log-filter">
          <span className="filter-chip__label">From {logFilterLabel}</span>
          <button
            type="button"
            className="filter-chip__clear"
            onClick={onClearLogFilter}
            aria-label={`Show every event, not only requests from ${logFilterLabel}`}
            data-testid="timeline-log-filter-clear"
          >
            ×
          </button>
        </span>
      ) : null}
      <span className="toolbar__spacer" />
      <span className="timeline-scope mono" title={scopeLabel} data-testid="timeline-scope">
        {scopeLabel}
      </span>
      <span className="toolbar__count" data-testid="timeline-count" aria-live="polite">
        {isLoading && count === 0
          ? 'Loading…'
          : `${formatCount(count)}${hasMore ? '+' : ''} ${count === 1 && !hasMore ? 'event' : 'events'}`}
      </span>
    </div>
  );
}
