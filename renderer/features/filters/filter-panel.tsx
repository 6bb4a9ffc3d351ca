import { useState, type FormEvent } from 'react';
import { LanguageLabel, ProductionStage } from '../../../shared/domain/analysis';
import type { Label, ProductionSummary } from '../../../shared/domain/review';
import { SelectField } from '../../components/select-field';
import { LANGUAGE_NAMES, STAGE_NAMES } from '../../lib/analysis-labels';
import { TYPE_CHOICES } from '../../lib/artifact-type';
import { normalizeBound } from '../../lib/time-range';
import type { ViewFilters } from '../../lib/view-state';

interface Props {
  filters: ViewFilters;
  productions: ProductionSummary[];
  labels: Label[];
  onChange: (patch: Partial<ViewFilters>) => void;
}

const yesNo = (yes: string, no: string) => [
  { value: '1', label: yes },
  { value: '0', label: no },
];
const fromFlag = (v: boolean | undefined): string => (v === undefined ? '' : v ? '1' : '0');
const toFlag = (v: string): boolean | undefined => (v === '' ? undefined : v === '1');

const LANGUAGES = LanguageLabel.options.filter((l) => l !== 'und').map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }));
const VARIANTS = [
  { value: 'hans', label: 'Simplified' },
  { value: 'hant', label: 'Traditional' },
  { value: 'mixed', label: 'Mixed' },
];
const NK_LEVELS = [
  { value: '0.2', label: '≥ 20%' },
  { value: '0.5', label: '≥ 50%' },
  { value: '0.8', label: '≥ 80%' },
];
const STAGES = ProductionStage.options.map((s) => ({ value: s, label: STAGE_NAMES[s] }));
const TAG_STATUSES = [
  { value: 'suspected', label: 'Suspected' },
  { value: 'confirmed', label: 'Confirmed' },
  { value: 'ruled-out', label: 'Ruled out' },
  { value: 'untagged', label: 'Untagged' },
];

function DateBounds({ from, to, onChange }: { from: string; to: string; onChange: (patch: Partial<ViewFilters>) => void }) {
  const [draft, setDraft] = useState({ from, to });
  const [error, setError] = useState<string | null>(null);
  const handleSubmit = (e: FormEvent): void => {
    e.preventDefault();
    const a = normalizeBound(draft.from);
    const b = normalizeBound(draft.to);
    if (a === null || b === null) {
      setError('Use YYYY-MM-DD, optionally with THH:MM');
      return;
    }
    setError(null);
    onChange({ from: a || undefined, to: b || undefined });
  };
  return (
    <form className="datebounds" onSubmit={handleSubmit} noValidate>
      <span className="selectfield__label">Modified (UTC)</span>
      <div className="datebounds__row">
        <input
          className="input input--small mono"
          value={draft.from}
          onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          placeholder="from 2024-03-01"
          aria-label="Modified from"
          data-testid="filter-from"
        />
        <input
          className="input input--small mono"
          value={draft.to}
          onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          placeholder="to 2024-03-31"
          aria-label="Modified to"
          data-testid="filter-to"
        />
        <button type="submit" className="btn btn--small">
          Apply
        </button>
      </div>
      {error ? <span className="field__error">{error}</span> : null}
    </form>
  );
}

/** Every attribute filter of the artifact list; each one applies at once and shows as a chip above the table. */
export function FilterPanel({ filters, productions, labels, onChange }: Props) {
  const productionOptions = productions.map((p) => ({ value: p.id, label: p.title }));
  return (
    <div className="filterpanel" role="group" aria-label="Filters" data-testid="filter-panel">
      <SelectField
        label="Type"
        value={filters.type ?? ''}
        options={TYPE_CHOICES}
        onChange={(v) => onChange({ type: v || undefined })}
        testId="filter-type"
      />
      <SelectField
        label="Language"
        value={filters.language ?? ''}
        options={LANGUAGES}
        onChange={(v) => onChange({ language: (v || undefined) as ViewFilters['language'] })}
        testId="filter-language"
      />
      <SelectField
        label="Chinese variant"
        value={filters.variant ?? ''}
        options={VARIANTS}
        onChange={(v) => onChange({ variant: (v || undefined) as ViewFilters['variant'] })}
        testId="filter-variant"
      />
      <SelectField
        label="NK markers"
        value={filters.nkMin !== undefined ? String(filters.nkMin) : ''}
        options={NK_LEVELS}
        onChange={(v) => onChange({ nkMin: v ? Number(v) : undefined })}
        testId="filter-nk"
      />
      <SelectField
        label="Stage"
        value={filters.stage ?? ''}
        options={STAGES}
        onChange={(v) => onChange({ stage: v || undefined })}
        testId="filter-stage"
      />
      <SelectField
        label="Tagged to"
        value={filters.production ?? ''}
        options={productionOptions}
        onChange={(v) => onChange({ production: v || undefined })}
        testId="filter-production"
      />
      <SelectField
        label="Tag status"
        value={filters.tagStatus ?? ''}
        options={TAG_STATUSES}
        onChange={(v) => onChange({ tagStatus: (v || undefined) as ViewFilters['tagStatus'] })}
        testId="filter-tag-status"
      />
      <SelectField
        label="Suggested"
        value={filters.suggested ?? ''}
        options={productionOptions}
        onChange={(v) => onChange({ suggested: v || undefined })}
        testId="filter-suggested"
      />
      <SelectField
        label="Label"
        value={filters.labelId !== undefined ? String(filters.labelId) : ''}
        options={labels.map((l) => ({ value: String(l.id), label: l.name }))}
        onChange={(v) => onChange({ labelId: v ? Number(v) : undefined })}
        testId="filter-label"
      />
      <SelectField
        label="Star"
        value={fromFlag(filters.starred)}
        options={yesNo('Starred', 'Not starred')}
        onChange={(v) => onChange({ starred: toFlag(v) })}
        testId="filter-starred"
      />
      <SelectField
        label="Notes"
        value={fromFlag(filters.hasNotes)}
        options={yesNo('With notes', 'Without')}
        onChange={(v) => onChange({ hasNotes: toFlag(v) })}
        testId="filter-notes"
      />
      <SelectField
        label="Errors"
        value={fromFlag(filters.hasErrors)}
        options={yesNo('With errors', 'Without')}
        onChange={(v) => onChange({ hasErrors: toFlag(v) })}
        testId="filter-errors"
      />
      <SelectField
        label="Duplicates"
        value={fromFlag(filters.duplicates)}
        options={yesNo('Duplicated', 'Unique')}
        onChange={(v) => onChange({ duplicates: toFlag(v) })}
        testId="filter-duplicates"
      />
      <SelectField
        label="Extension"
        value={fromFlag(filters.mismatch)}
        options={yesNo('Contradicts content', 'Matches content')}
        onChange={(v) => onChange({ mismatch: toFlag(v) })}
        testId="filter-mismatch"
      />
      <DateBounds key={`${filters.from ?? ''}|${filters.to ?? ''}`} from={filters.from ?? ''} to={filters.to ?? ''} onChange={onChange} />
    </div>
  );
}
