import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../components/error-message';
import { TextField } from '../../components/text-field';
import { formatCount } from '../../lib/format';
import { useAppStore, useShallow } from '../../store';
import { selectExportActions, selectVerification, selectVerifyRequest } from './selectors';

interface Props {
  onClose: () => void;
}

/** Checks a bundle and shows every check: each file's hash, the schema, the originals, the audit chain. Failures first. */
export function VerifyView({ onClose }: Props) {
  const verification = useAppStore(selectVerification);
  const request = useAppStore(selectVerifyRequest);
  const { verifyBundle } = useAppStore(useShallow(selectExportActions));
  // Null until typed: the field shows the bundle last verified (e.g. the one just exported).
  const [typed, setTyped] = useState<string | null>(null);
  const bundle = typed ?? verification?.bundle ?? '';
  const checks = verification ? [...verification.checks].sort((a, b) => Number(a.ok) - Number(b.ok)) : [];
  const failed = checks.filter((c) => !c.ok).length;

  const handleSubmit = (e: FormEvent): void => {
    e.preventDefault();
    if (bundle.trim()) void verifyBundle(bundle.trim());
  };

  return (
    <form onSubmit={handleSubmit} noValidate data-testid="verify-view">
      <h2>Verify a case bundle</h2>
      <TextField label="Bundle (.zip)" value={bundle} onChange={setTyped} isMono isRequired testId="verify-path" />
      {request.status === 'error' && request.error ? <ErrorMessage error={request.error} testId="verify-error" /> : null}
      {request.status === 'loading' ? <p className="exports-note">Reading and hashing every file…</p> : null}
      {verification ? (
        <div data-testid="verify-result" data-ok={verification.ok}>
          <p className={`exports-verdict exports-verdict--${verification.ok ? 'ok' : 'failed'}`}>
            {verification.ok ? 'Every check passed.' : `${failed} of ${checks.length} checks failed.`} {verification.caseName ?? ''},{' '}
            {formatCount(verification.artifacts)} artifacts, {formatCount(verification.files)} files
            {verification.exportedAt ? `, exported ${verification.exportedAt} by ${verification.exportedBy ?? '?'}` : ''}.
          </p>
          <p className="exports-note">Fingerprint (SHA-256 of SHA256SUMS): compare it with the one the exporter gave.</p>
          <p className="exports-fingerprint">{verification.fingerprint ?? 'none'}</p>
          <table className="exports-checks">
            <thead>
              <tr>
                <th>Result</th>
                <th>Check</th>
                <th>File or event</th>
                <th>Detail</th>
              </tr>
            </thead>
            <tbody>
              {checks.map((c, i) => (
                <tr
                  key={`${c.subject}-${i}`}
                  className={c.ok ? undefined : 'exports-check--failed'}
                  data-testid="verify-check"
                  data-ok={c.ok}
                >
                  <td>{c.ok ? '✓' : '✗'}</td>
                  <td>{c.kind}</td>
                  <td>{c.subject}</td>
                  <td>{c.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="exports-actions">
        <button type="button" className="btn btn--ghost" onClick={onClose} data-testid="verify-close">
          Close
        </button>
        <button type="submit" className="btn btn--primary" disabled={request.status === 'loading'} data-testid="verify-submit">
          Verify
        </button>
      </div>
    </form>
  );
}
