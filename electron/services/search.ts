import type { SearchHit, SearchQuery, TimelineEvent, TimelineQuery } from '../../shared/domain/search';
import { AppError } from '../../shared/errors';

const pending = (): never => {
  throw new AppError('internal', 'search is being built (issue #4)');
};

export const searchCase = (_query: SearchQuery): SearchHit[] => pending();
export const timeline = (_query: TimelineQuery): TimelineEvent[] => pending();
