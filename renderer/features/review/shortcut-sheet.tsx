import { Dialog } from '../../components/dialog';
import { SHORTCUT_SHEET } from '../../lib/shortcuts';

export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" subtitle="Off while you type in a field" onClose={onClose} size="medium" testId="shortcut-sheet">
      <table className="table shortcuts">
        <tbody>
          {SHORTCUT_SHEET.map((row) => (
            <tr key={row.what}>
              <td className="shortcuts__keys">
                {row.keys.map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </td>
              <td>{row.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
