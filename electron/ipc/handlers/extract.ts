import { rerunExtraction } from '../../services/extract/rerun';
import type { DomainHandlers } from './types';

export const extractHandlers: DomainHandlers<'extract.rerun'> = {
  'extract.rerun': (input, ctx) => rerunExtraction(input, ctx),
};
