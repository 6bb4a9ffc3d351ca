import { parseIso } from '../lib/format';

/**
 * A table date: UTC is implied by the column, other offsets are shown, and a time recorded without any zone carries a
 * visible "no zone" mark whose tooltip says how it sorts.
 */
export function DateCell({ iso }: { iso: string | null }) {
  if (!iso) return <>—</>;
  const p = parseIso(iso);
  if (!p) return <>{iso}</>;
  const base = `${p.date}${p.time ? ` ${p.time}` : ''}`;
  if (p.zone === 'Z') return <>{base}</>;
  if (p.zone === '')
    return (
      <>
        {base}
        <span
          className="zone zone--none"
          title="Recorded without a time zone (zip members keep the local wall-clock time of the machine that made them). Sorted by its literal value, as if it were UTC, so it can sit up to 14 hours away from its true place among UTC times."
          data-testid="zone-none"
        >
          no zone
        </span>
      </>
    );
  return (
    <>
      {base}
      <span className="zone">{p.zone}</span>
    </>
  );
}
