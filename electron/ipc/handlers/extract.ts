import { rerunExtraction } from '../../services/reextract';
import type { DomainHandlers } from './types';

export const extractHandlers: DomainHandlers<'extract.rerun'> = {
  'extract.rerun': (input, ctx) => rerunExtraction(input, ctx),
};
