import { CopyButton } from '../../components/copy-button';

/** One hash on one line; its copy button shows on hover or focus, so the column of hashes stays quiet. */
export function HashRow({ name, value }: { name: string; value: string | null }) {
  return (
    <div className="hashrow" data-testid={`hash-${name.toLowerCase().replace('-', '')}`}>
      <span className="hashrow__name">{name}</span>
      {value ? (
        <>
          <code className="hashrow__value" title={value} data-testid="hash-value">
            {value}
          </code>
          <span className="hashrow__copy">
            <CopyButton value={value} label={`Copy ${name}`} />
          </span>
        </>
      ) : (
        <span className="muted">not computed</span>
      )}
    </div>
  );
}
