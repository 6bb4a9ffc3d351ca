import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { MarkdownView } from '../../components/markdown-view';

interface Props {
  initial?: string;
  submitLabel: string;
  onSubmit: (body: string) => void;
  onCancel?: () => void;
  isAutoFocused?: boolean;
}

/** Markdown with a preview; Ctrl+Enter saves. Links in the preview are shown, never followed. */
export function NoteEditor({ initial = '', submitLabel, onSubmit, onCancel, isAutoFocused = false }: Props) {
  const [body, setBody] = useState(initial);
  const [isPreview, setIsPreview] = useState(false);
  const id = useId();

  const submit = (): void => {
    if (!body.trim()) return;
    onSubmit(body.trim());
    setBody('');
    setIsPreview(false);
  };
  const handleSubmit = (e: FormEvent): void => {
    e.preventDefault();
    submit();
  };
  const handleKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <form className="note-editor" onSubmit={handleSubmit} noValidate data-testid="note-editor">
      <div className="note-editor__bar">
        <label className="field__label" htmlFor={id}>
          Note (Markdown)
        </label>
        <button type="button" className="btn btn--tiny" aria-pressed={isPreview} onClick={() => setIsPreview(!isPreview)}>
          {isPreview ? 'Edit' : 'Preview'}
        </button>
      </div>
      {isPreview ? (
        <div className="note-editor__preview" data-testid="note-preview">
          <MarkdownView source={body} onOpenLink={() => undefined} />
        </div>
      ) : (
        <textarea
          id={id}
          className="input note-editor__text"
          rows={5}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={handleKeyDown}
          placeholder="What you see, what it means, what to check next. **bold**, *italic*, - lists, [links](https://…)"
          autoFocus={isAutoFocused}
          data-autofocus={isAutoFocused || undefined}
          data-testid="note-input"
        />
      )}
      <div className="note-editor__actions">
        <span className="muted small">Ctrl+Enter saves</span>
        {onCancel ? (
          <button type="button" className="btn btn--small" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
        <button type="submit" className="btn btn--small btn--primary" disabled={!body.trim()} data-testid="note-save">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
