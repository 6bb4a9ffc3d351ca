import type { Extractor } from './types';

/** Order matters: specific formats first, generic scanners (XMP packets, plain text) last. */
export const extractors: readonly Extractor[] = [];
