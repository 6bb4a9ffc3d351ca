import { useState } from 'react';
import type { Note } from '../../../shared/domain/review';
import { formatDateTime } from '../../lib/format';
import { NoteBody } from './note-body';
import { NoteEditor } from './note-editor';

interface Props {
  notes: Note[];
  onAdd: (body: string) => void;
  onEdit: (note: Note, body: string) => void;
  onRemove: (note: Note) => void;
  emptyText: string;
}

/** Notes in Markdown, rendered safely, each editable by any examiner (the audit trail says who changed what). */
export function NotesSection({ notes, onAdd, onEdit, onRemove, emptyText }: Props) {
  const [editing, setEditing] = useState<number | null>(null);
  return (
    <div className="notes" data-testid="notes">
      {notes.length === 0 ? <p className="muted">{emptyText}</p> : null}
      <ul className="notes__list">
        {notes.map((n) => (
          <li key={n.id} className={`note${n.id < 0 ? ' note--pending' : ''}`} data-testid="note">
            {editing === n.id ? (
              <NoteEditor
                initial={n.body}
                submitLabel="Save"
                isAutoFocused
                onCancel={() => setEditing(null)}
                onSubmit={(body) => {
                  setEditing(null);
                  onEdit(n, body);
                }}
              />
            ) : (
              <>
                <div className="note__body" data-testid="note-body">
                  <NoteBody source={n.body} />
                </div>
                <div className="note__meta muted small">
                  <span>
                    {n.id < 0 ? 'saving…' : `${n.examiner} · ${formatDateTime(n.updatedAt)}`}
                    {n.updatedAt !== n.createdAt ? ' (edited)' : ''}
                  </span>
                  <span className="note__actions">
                    <button type="button" className="btn btn--tiny" onClick={() => setEditing(n.id)} disabled={n.id < 0}>
                      Edit
                    </button>
                    <button type="button" className="btn btn--tiny" onClick={() => onRemove(n)} disabled={n.id < 0}>
                      Remove
                    </button>
                  </span>
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
      <NoteEditor submitLabel="Add note" onSubmit={onAdd} />
    </div>
  );
}
