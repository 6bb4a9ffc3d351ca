import { reextractService } from './lazy-services';
import type { DomainHandlers } from './types';

export const extractHandlers: DomainHandlers<'extract.rerun'> = {
  'extract.rerun': async (input, ctx) => (await reextractService()).rerunExtraction(input, ctx),
};
