import { EmptyState } from '../../components/empty-state';
import { ErrorMessage } from '../../components/error-message';
import { useAppStore, useShallow } from '../../store';
import {
  selectSelectedDetail,
  selectTimelineActions,
  selectTimelineArtifact,
  selectTimelineCursor,
  selectTimelineEvents,
  selectTimelineHasMore,
  selectTimelineLogFilterLabel,
  selectTimelineRange,
  selectTimelineRequest,
  selectTimelineScopeLabel,
} from '../../store/selectors';
import { TimelineList } from './timeline-list';
import { TimelineToolbar } from './timeline-toolbar';

interface Props {
  onActivate: () => void;
}

export function TimelinePanel({ onActivate }: Props) {
  const events = useAppStore(selectTimelineEvents);
  const hasMore = useAppStore(selectTimelineHasMore);
  const request = useAppStore(selectTimelineRequest);
  const range = useAppStore(selectTimelineRange);
  const pinned = useAppStore(selectTimelineArtifact);
  const cursor = useAppStore(selectTimelineCursor);
  const scopeLabel = useAppStore(selectTimelineScopeLabel);
  const logFilterLabel = useAppStore(selectTimelineLogFilterLabel);
  const selected = useAppStore(selectSelectedDetail);
  const actions = useAppStore(useShallow(selectTimelineActions));

  const isLoading = request.status === 'loading';
  let body;
  if (events.length > 0) {
    body = (
      <TimelineList
        events={events}
        hasMore={hasMore}
        cursor={cursor}
        onMove={actions.moveTimelineCursor}
        onOpen={actions.openTimelineEvent}
        onActivate={onActivate}
        onNeedMore={actions.loadMoreTimeline}
      />
    );
  } else if (isLoading) {
    body = <EmptyState title="Loading the timeline…" />;
  } else if (request.status !== 'error') {
    body = (
      <EmptyState title="No dates here" testId="timeline-empty">
        {range.from || range.to
          ? 'Nothing falls between these bounds. Widen or clear the time range.'
          : logFilterLabel
            ? 'No access-log request in this scope comes from there.'
            : 'Nothing in this scope has a recorded date yet.'}
      </EmptyState>
    );
  }

  return (
    <section className="browser" aria-label="Timeline" data-testid="timeline-panel">
      <TimelineToolbar
        range={range}
        count={events.length}
        hasMore={hasMore}
        isLoading={isLoading}
        scopeLabel={scopeLabel}
        logFilterLabel={logFilterLabel}
        onClearLogFilter={actions.clearTimelineLogFilter}
        isPinned={pinned !== null}
        canPin={selected !== null}
        onRangeChange={actions.setTimelineRange}
        onPinChange={actions.pinTimelineArtifact}
      />
      <ErrorMessage error={request.error} testId="timeline-error" />
      <div className="browser__table">{body}</div>
    </section>
  );
}
