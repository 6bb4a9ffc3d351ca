import type { RecentCase } from '../../../shared/domain/case';
import { EmptyState } from '../../components/empty-state';
import { PathText } from '../../components/path-text';
import { formatDateTimeFull, formatRelative } from '../../lib/format';

interface Props {
  cases: RecentCase[];
  isLoading: boolean;
  errorMessage: string | undefined;
  isBusy: boolean;
  onOpen: (dir: string) => void;
  onForget: (dir: string) => void;
}

export function RecentCasesTable({ cases, isLoading, errorMessage, isBusy, onOpen, onForget }: Props) {
  return (
    <section className="card card--flush" aria-labelledby="recent-title" data-testid="recent-cases">
      <h2 className="card__title card__title--padded" id="recent-title">
        Recent cases
        <span className="card__count">{cases.length > 0 ? cases.length : ''}</span>
      </h2>
      {errorMessage ? (
        <div className="alert alert--error" role="alert">
          <span className="alert__text">Could not read the recent-cases list: {errorMessage}</span>
        </div>
      ) : null}
      {cases.length === 0 ? (
        <EmptyState title={isLoading ? 'Loading…' : 'No recent cases'} testId="recent-cases-empty">
          {isLoading ? null : 'Cases you create or open appear here.'}
        </EmptyState>
      ) : (
        <table className="table recent">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Examiner</th>
              <th scope="col">Folder</th>
              <th scope="col">Opened</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr
                key={c.dir}
                className={c.exists ? 'recent__row' : 'recent__row recent__row--missing'}
                data-testid="recent-case"
                data-dir={c.dir}
                data-exists={c.exists}
              >
                <td className="recent__name">
                  {c.exists ? (
                    <button
                      type="button"
                      className="link"
                      onClick={() => onOpen(c.dir)}
                      disabled={isBusy}
                      data-testid="recent-case-open"
                      title={`Open ${c.name}`}
                    >
                      {c.name}
                    </button>
                  ) : (
                    <span className="recent__missing" title="The case folder is missing or no longer holds a case">
                      <span className="badge badge--warn">Missing</span>
                      {c.name}
                    </span>
                  )}
                </td>
                <td className="recent__examiner">{c.examiner}</td>
                <td className="recent__dir">
                  <PathText path={c.dir} />
                </td>
                <td className="recent__opened" title={formatDateTimeFull(c.openedAt)}>
                  {formatRelative(c.openedAt)}
                </td>
                <td className="recent__actions">
                  {c.exists ? null : (
                    <button
                      type="button"
                      className="btn btn--tiny"
                      onClick={() => onForget(c.dir)}
                      data-testid="recent-case-forget"
                      title="Remove from this list (the folder is not touched)"
                    >
                      Forget
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
