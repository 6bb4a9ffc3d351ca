import { logRequests, logSummary } from '../../services/logs';
import type { DomainHandlers } from './types';

export const logHandlers: DomainHandlers<'logs.summary' | 'logs.requests'> = {
  'logs.summary': (query) => logSummary(query),
  'logs.requests': (query) => logRequests(query),
};
