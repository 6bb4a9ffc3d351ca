import { useEffect } from 'react';
import type { TextAnalysis } from '../../../shared/domain/analysis';
import type { ArtifactDetail } from '../../../shared/domain/artifact';
import type { TranslationLink } from '../../../shared/domain/review';
import { MarkedText } from '../../components/marked-text';
import type { Mark } from '../../lib/highlight';
import { percent, shortGloss } from '../../lib/analysis-labels';

interface Props {
  detail: ArtifactDetail;
  translations: TranslationLink[];
  detailsById: Record<number, ArtifactDetail>;
  onNeedDetail: (id: number) => void;
  onOpen: (id: number) => void;
}

const textField = (d: ArtifactDetail | undefined): TextAnalysis | undefined => d?.analysis?.fields.find((f) => f.field === 'text');

/** Glossary terms of a text as marks: each term underlined and followed by its English gloss. */
const termMarks = (field: TextAnalysis | undefined): Mark[] =>
  field?.glossary.hits.map((h) => ({ start: h.start, end: h.end, kind: 'term', note: shortGloss(h.gloss) })) ?? [];

function Side({ title, detail, lang }: { title: string; detail: ArtifactDetail | undefined; lang: 'zh' | 'ko' }) {
  const text = detail?.extraction?.text;
  return (
    <div className="pair__side" lang={lang === 'zh' ? 'zh' : 'ko'} data-testid={`pair-${lang}`}>
      <div className="pair__title mono" title={detail?.path}>
        {title}
      </div>
      {text ? <MarkedText text={text} marks={termMarks(textField(detail))} className="pair__text" /> : <p className="muted">Loading…</p>}
    </div>
  );
}

/**
 * A Chinese note and its Korean translation side by side (Chinese on the left), from the link the analysis found
 * between two files, and the pairs of lines inside a bilingual file; glossary terms carry their English gloss.
 */
export function TranslationView({ detail, translations, detailsById, onNeedDetail, onOpen }: Props) {
  useEffect(() => {
    for (const t of translations) onNeedDetail(t.artifactId);
  }, [translations, onNeedDetail]);

  const inFile = textField(detail)?.bilingual?.pairs ?? [];
  if (translations.length === 0 && inFile.length === 0) return null;

  return (
    <div className="pairs" data-testid="translation-view">
      {translations.map((t) => {
        const other = detailsById[t.artifactId];
        const isOtherKorean = t.language === 'ko';
        const here = { title: `${detail.name} (this file)`, detail };
        const there = { title: t.path, detail: other };
        const zh = isOtherKorean ? here : there;
        const ko = isOtherKorean ? there : here;
        return (
          <section key={t.artifactId} className="pair" data-testid="translation-pair" aria-label={`Translation pair with ${t.path}`}>
            <header className="pair__head">
              <span>
                Translation {percent(t.score)}: <span className="muted">{t.reason}</span>
              </span>
              <button type="button" className="btn btn--tiny" onClick={() => onOpen(t.artifactId)}>
                Open {isOtherKorean ? 'Korean' : 'Chinese'} file
              </button>
            </header>
            {t.sharedNumbers.length + t.sharedTerms.length > 0 ? (
              <div className="pair__shared muted small">Shared: {[...t.sharedNumbers, ...t.sharedTerms].join(' · ')}</div>
            ) : null}
            <div className="pair__cols">
              <Side title={zh.title} detail={zh.detail} lang="zh" />
              <Side title={ko.title} detail={ko.detail} lang="ko" />
            </div>
          </section>
        );
      })}
      {inFile.length > 0 ? (
        <table className="table table--compact pair__lines" data-testid="bilingual-lines">
          <caption className="kv__caption">Lines in this file that translate each other</caption>
          <thead>
            <tr>
              <th scope="col">Chinese</th>
              <th scope="col">Korean</th>
              <th scope="col" className="num">
                Score
              </th>
            </tr>
          </thead>
          <tbody>
            {inFile.map((p) => (
              <tr key={`${p.zh.start}-${p.ko.start}`}>
                <td lang="zh">{p.zh.text}</td>
                <td lang="ko">{p.ko.text}</td>
                <td className="num" title={p.score.reason}>
                  {percent(p.score.score)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
