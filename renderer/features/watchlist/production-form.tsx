import { useState, type FormEvent } from 'react';
import type { ProductionAlias } from '../../../shared/domain/analysis';
import type { ProductionInput, ProductionSummary } from '../../../shared/domain/review';
import { TextField } from '../../components/text-field';

interface Props {
  /** The production being edited, or null for a new one. */
  production: ProductionSummary | null;
  isBusy: boolean;
  onSave: (input: ProductionInput) => void;
  onCancel: () => void;
}

const KINDS: readonly ProductionAlias['kind'][] = ['title', 'character', 'company', 'person'];
const LANGS = ['en', 'ko', 'zh-Hans', 'zh-Hant', 'ja', 'yo'];

const list = (text: string): string[] =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** A production as the analyst maintains it: title, aliases in any script (language and kind), networks, studios, notes. */
export function ProductionForm({ production, isBusy, onSave, onCancel }: Props) {
  const [title, setTitle] = useState(production?.title ?? '');
  const [aliases, setAliases] = useState<ProductionAlias[]>(production?.aliases ?? []);
  const [networks, setNetworks] = useState((production?.networks ?? []).join(', '));
  const [studios, setStudios] = useState((production?.studios ?? []).join(', '));
  const [notes, setNotes] = useState(production?.notes ?? '');
  const [error, setError] = useState<string | undefined>();

  const setAlias = (i: number, patch: Partial<ProductionAlias>): void =>
    setAliases(aliases.map((a, j) => (j === i ? { ...a, ...patch } : a)));

  const handleSubmit = (e: FormEvent): void => {
    e.preventDefault();
    if (!title.trim()) {
      setError('A production needs a title.');
      return;
    }
    onSave({
      ...(production ? { id: production.id } : {}),
      title: title.trim(),
      aliases: aliases.filter((a) => a.text.trim()).map((a) => ({ ...a, text: a.text.trim(), lang: a.lang.trim() || 'und' })),
      networks: list(networks),
      studios: list(studios),
      notes,
    });
  };

  return (
    <form className="prodform" onSubmit={handleSubmit} noValidate data-testid="production-form">
      <h3 className="subhead">{production ? `Edit ${production.title}` : 'New production'}</h3>
      <TextField
        label="Title"
        value={title}
        onChange={(v) => {
          setTitle(v);
          setError(undefined);
        }}
        error={error}
        isRequired
        autoFocus
        testId="production-title"
      />
      <fieldset className="aliases">
        <legend className="field__label">Aliases (any script)</legend>
        <datalist id="alias-langs">
          {LANGS.map((l) => (
            <option key={l} value={l} />
          ))}
        </datalist>
        {aliases.map((a, i) => (
          <div key={i} className="aliases__row" data-testid="alias-row">
            <input
              className="input input--small"
              value={a.text}
              onChange={(e) => setAlias(i, { text: e.target.value })}
              aria-label={`Alias ${i + 1}`}
              placeholder="인빈서블"
            />
            <input
              className="input input--small aliases__lang"
              value={a.lang}
              onChange={(e) => setAlias(i, { lang: e.target.value })}
              list="alias-langs"
              aria-label={`Language of alias ${i + 1}`}
            />
            <select
              className="input input--small aliases__kind"
              value={a.kind}
              onChange={(e) => setAlias(i, { kind: e.target.value as ProductionAlias['kind'] })}
              aria-label={`Kind of alias ${i + 1}`}
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
            <label className="aliases__generic" title="Also an ordinary word: hits in running lower-case prose score lower">
              <input type="checkbox" checked={a.generic ?? false} onChange={(e) => setAlias(i, { generic: e.target.checked })} /> common
              word
            </label>
            <button
              type="button"
              className="btn btn--tiny"
              onClick={() => setAliases(aliases.filter((_, j) => j !== i))}
              aria-label={`Remove alias ${i + 1}`}
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn btn--tiny"
          onClick={() => setAliases([...aliases, { text: '', lang: 'en', kind: 'title' }])}
          data-testid="add-alias"
        >
          + Alias
        </button>
      </fieldset>
      <div className="field-row">
        <TextField label="Networks" value={networks} onChange={setNetworks} hint="Comma-separated" />
        <TextField label="Studios" value={studios} onChange={setStudios} hint="Comma-separated" />
      </div>
      <TextField label="Notes" value={notes} onChange={setNotes} isMultiline />
      <div className="dialog__actions">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn--primary" disabled={isBusy} data-testid="production-save">
          {production ? 'Save' : 'Add production'}
        </button>
      </div>
    </form>
  );
}
