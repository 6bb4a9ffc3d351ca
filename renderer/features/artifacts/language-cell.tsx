import type { ArtifactSummary } from '../../../shared/domain/artifact';
import { LANGUAGE_NAMES, LANGUAGE_SHORT, NK_SHOWN, percent, VARIANT_NAMES } from '../../lib/analysis-labels';

/** Language of the text, the Chinese variant when mixed, and a North Korean marker score worth a look. */
export function LanguageCell({ row }: { row: ArtifactSummary }) {
  if (!row.language) return <span className="muted">—</span>;
  const title = [
    LANGUAGE_NAMES[row.language],
    row.variant ? `Chinese variant: ${VARIANT_NAMES[row.variant] ?? row.variant}` : null,
    row.nkScore > 0 ? `North Korean spelling markers: ${percent(row.nkScore)}` : null,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <span title={title}>
      {row.variant === 'mixed' ? 'zh · mixed' : LANGUAGE_SHORT[row.language]}
      {row.nkScore >= NK_SHOWN ? <span className="nkmark">NK {percent(row.nkScore)}</span> : null}
    </span>
  );
}
