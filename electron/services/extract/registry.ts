import { accessLogExtractor } from './access-log';
import { officeExtractor } from './office';
import type { Extractor } from './types';
import { videoExtractor } from './video';

/** Order matters: specific formats first, generic scanners (XMP packets, plain text) last. */
export const extractors: readonly Extractor[] = [officeExtractor, videoExtractor, accessLogExtractor];
