import { locateMatches, searchCase, timeline } from '../../services/search';
import type { DomainHandlers } from './types';

export const searchHandlers: DomainHandlers<'search.query' | 'search.locate' | 'timeline.list'> = {
  'search.query': (query) => searchCase(query),
  'search.locate': (query) => locateMatches(query),
  'timeline.list': (query) => timeline(query),
};
