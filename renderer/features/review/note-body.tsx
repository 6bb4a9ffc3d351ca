import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { MarkdownView } from '../../components/markdown-view';

/** A note's Markdown; a link opens in the system browser only after the analyst confirms the exact address. */
export function NoteBody({ source }: { source: string }) {
  const [pending, setPending] = useState<string | null>(null);
  return (
    <>
      <MarkdownView source={source} onOpenLink={setPending} />
      {pending ? (
        <ConfirmDialog
          title="Open this link?"
          confirmLabel="Open link"
          onCancel={() => setPending(null)}
          onConfirm={() => {
            window.open(pending, '_blank', 'noopener,noreferrer');
            setPending(null);
          }}
          testId="link-confirm"
        >
          <p>The note links to an address outside the workbench. Opening it leaves the case’s offline view:</p>
          <p className="mono wrap confirm__url">{pending}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
