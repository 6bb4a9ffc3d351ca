import type { TextAnalysis } from '../../../shared/domain/analysis';
import { Badge } from '../../components/badge';
import { LANGUAGE_NAMES, percent, VARIANT_NAMES } from '../../lib/analysis-labels';

interface Props {
  fields: TextAnalysis[];
}

const FIELD_NAMES: Record<string, string> = { text: 'Text', metadata: 'Metadata', name: 'File name', path: 'Folder path' };
const verdictWord = { north: 'North Korean', south: 'South Korean', undetermined: 'undetermined', none: 'no Hangul' } as const;
const EXAMPLES = 6;

function FieldLanguage({ field }: { field: TextAnalysis }) {
  const { language, chinese, korean } = field;
  const shares = Object.entries(language.shares).filter(([, v]) => v >= 0.05);
  return (
    <div className="lang" data-testid="language-field" data-field={field.field}>
      <div className="lang__head">
        <span className="lang__field">{FIELD_NAMES[field.field] ?? field.field}</span>
        <strong data-testid="language-label">{LANGUAGE_NAMES[language.label]}</strong>
        <span className="muted">{percent(language.confidence)}</span>
        {shares.map(([script, share]) => (
          <span key={script} className="lang__share">
            {script} {percent(share)}
          </span>
        ))}
      </div>
      <div className="lang__reason muted">{language.reason}</div>
      {chinese && chinese.variant !== 'none' ? (
        <div className="lang__block" data-testid="chinese-variant">
          <div>
            <Badge tone="info">{VARIANT_NAMES[chinese.variant] ?? chinese.variant} Chinese</Badge>
            <span className="muted">
              {chinese.simplified} simplified-only, {chinese.traditional} traditional-only characters
              {chinese.japanese > 0 ? `, ${chinese.japanese} Japanese forms` : ''}
            </span>
          </div>
          {chinese.examples.length > 0 ? (
            <ul className="examples" aria-label="Characters that decide the variant">
              {chinese.examples.slice(0, EXAMPLES).map((x) => (
                <li key={`${x.char}${x.start}`} title={`${x.form} form; ${x.counterpart} in the other standard; ${x.count}×`}>
                  <span className="examples__char">{x.char}</span>
                  <span className="muted">
                    {x.form === 'simplified' ? 'simpl.' : 'trad.'} of {x.counterpart} ×{x.count}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {korean && korean.verdict !== 'none' ? (
        <div className="lang__block" data-testid="korean-markers">
          <div>
            <Badge tone={korean.verdict === 'north' ? 'warn' : 'neutral'}>{verdictWord[korean.verdict]} spelling</Badge>
            <span className="muted">
              score {percent(korean.score)} · {korean.totalMatches} marker{korean.totalMatches === 1 ? '' : 's'} in {korean.hangulWords}{' '}
              words
            </span>
          </div>
          {korean.matches.length > 0 ? (
            <ul className="examples" aria-label="North and South Korean spelling markers">
              {korean.matches.slice(0, EXAMPLES).map((m) => (
                <li key={`${m.ruleId}${m.start}`} title={m.note}>
                  <span className="examples__char">{m.text}</span>
                  <span className="muted">
                    {m.variety === 'north' ? 'North' : 'South'}: {m.north} / {m.south} ({m.category})
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

const PRIMARY = ['text', 'metadata', 'name', 'path'];

/**
 * Language of the artifact's own text (else its metadata, else its name), with the characters and spellings that
 * decided the Chinese variant and the Korean variety; the other analysed fields fold away below it.
 */
export function LanguageView({ fields }: Props) {
  const shown = fields.filter((f) => f.language.label !== 'und').sort((a, b) => PRIMARY.indexOf(a.field) - PRIMARY.indexOf(b.field));
  const [main, ...others] = shown;
  if (!main) return <p className="muted">No text with letters to analyse.</p>;
  return (
    <div data-testid="language-view">
      <FieldLanguage field={main} />
      {others.length > 0 ? (
        <details className="lang__others">
          <summary>
            Also analysed: {others.map((f) => `${FIELD_NAMES[f.field] ?? f.field} (${LANGUAGE_NAMES[f.language.label]})`).join(', ')}
          </summary>
          {others.map((f) => (
            <FieldLanguage key={f.field} field={f} />
          ))}
        </details>
      ) : null}
    </div>
  );
}
