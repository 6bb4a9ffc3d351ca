import type { StageGuess } from '../../../shared/domain/analysis';
import { percent, stageName } from '../../lib/analysis-labels';

/** The production stage the vocabulary points to, with every reason and the runners-up. */
export function StageView({ stage }: { stage: StageGuess }) {
  if (!stage.stage && stage.candidates.length === 0) return <p className="muted">{stage.reason || 'No production vocabulary found.'}</p>;
  return (
    <div className="stage" data-testid="stage-view">
      <div className="stage__head">
        <strong data-testid="stage-name">{stage.stage ? stageName(stage.stage) : 'Undecided'}</strong>
        <span className="muted">{percent(stage.confidence)} confident</span>
      </div>
      <p className="muted stage__reason">{stage.reason}</p>
      <ul className="stage__candidates">
        {stage.candidates.slice(0, 4).map((c) => (
          <li key={c.stage}>
            <div className="stage__bar">
              <span className="stage__fill" style={{ width: percent(c.share) }} />
              <span className="stage__label">
                {stageName(c.stage)} {percent(c.share)}
              </span>
            </div>
            <ul className="stage__reasons">
              {c.reasons.slice(0, 4).map((r) => (
                <li key={`${r.termId}${r.field}`}>
                  <span className="examples__char">{r.text}</span>{' '}
                  <span className="muted">
                    “{r.gloss}” in {r.field}
                  </span>
                  {r.count > 1 ? <span className="muted"> ×{r.count}</span> : null}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
