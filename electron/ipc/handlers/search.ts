import { searchCase, timeline } from '../../services/search';
import type { DomainHandlers } from './types';

export const searchHandlers: DomainHandlers<'search.query' | 'timeline.list'> = {
  'search.query': (query) => searchCase(query),
  'timeline.list': (query) => timeline(query),
};
