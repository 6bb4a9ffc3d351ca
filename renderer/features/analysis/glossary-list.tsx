import type { TextAnalysis } from '../../../shared/domain/analysis';
import { stageName } from '../../lib/analysis-labels';

/** Production vocabulary found in the artifact: each term as written, its English gloss, its stage and how often. */
export function GlossaryList({ fields }: { fields: TextAnalysis[] }) {
  const terms = new Map<string, { text: string; gloss: string; stage: string | null; count: number }>();
  for (const f of fields) {
    for (const hit of f.glossary.hits) {
      const key = `${hit.termId}|${hit.text}`;
      const seen = terms.get(key);
      terms.set(key, { text: hit.text, gloss: hit.gloss, stage: hit.stage, count: (seen?.count ?? 0) + 1 });
    }
  }
  if (terms.size === 0) return null;
  return (
    <table className="glossary" aria-label="Production vocabulary" data-testid="glossary-list">
      <caption className="glossary__caption">Production vocabulary</caption>
      <tbody>
        {[...terms.values()].map((t) => (
          <tr key={`${t.text}${t.gloss}`}>
            <th scope="row" className="glossary__term">
              {t.text}
              {t.count > 1 ? <span className="muted small"> ×{t.count}</span> : null}
            </th>
            <td className="glossary__gloss">{t.gloss}</td>
            <td className="glossary__stage muted small">{t.stage ? stageName(t.stage) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
