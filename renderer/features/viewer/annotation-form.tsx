import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Region, Tag } from '../../../shared/domain/review';

interface Props {
  region: Region;
  tags: Tag[];
  onSave: (note: string, tagId: number | null) => void;
  onCancel: () => void;
}

const round = (v: number): number => Math.round(v);

/** The note (and optionally one of the artifact's tags) for a region just drawn. */
export function AnnotationForm({ region, tags, onSave, onCancel }: Props) {
  const [note, setNote] = useState('');
  const [tagId, setTagId] = useState('');
  const save = (): void => onSave(note.trim(), tagId ? Number(tagId) : null);
  const handleSubmit = (e: FormEvent): void => {
    e.preventDefault();
    save();
  };
  const handleKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      save();
    }
  };
  return (
    <form className="annform" onSubmit={handleSubmit} noValidate data-testid="annotation-form">
      <div className="annform__where mono small">
        {region.page !== null ? `Page ${region.page}: ` : ''}
        {round(region.width)}×{round(region.height)} at {round(region.x)}, {round(region.y)} {region.page !== null ? 'pt' : 'px'}
      </div>
      <label className="field__label" htmlFor="annotation-note">
        Note on this region
      </label>
      <textarea
        id="annotation-note"
        className="input"
        rows={4}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        onKeyDown={handleKeyDown}
        autoFocus
        placeholder="What is here: a title, a signature, a character…"
        data-testid="annotation-note"
      />
      <label className="field__label" htmlFor="annotation-tag">
        Tag (optional)
      </label>
      <select
        id="annotation-tag"
        className="input input--small"
        value={tagId}
        onChange={(e) => setTagId(e.target.value)}
        data-testid="annotation-tag"
      >
        <option value="">No tag</option>
        {tags
          .filter((t) => t.id > 0)
          .map((t) => (
            <option key={t.id} value={t.id}>
              {t.productionTitle} ({t.status})
            </option>
          ))}
      </select>
      <div className="annform__actions">
        <button type="button" className="btn btn--small" onClick={onCancel}>
          Discard
        </button>
        <button type="submit" className="btn btn--small btn--primary" data-testid="annotation-save">
          Save region
        </button>
      </div>
    </form>
  );
}
