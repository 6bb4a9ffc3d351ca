import { accessLogExtractor } from './access-log';
import { imageExtractor } from './image';
import { officeExtractor } from './office';
import { pdfExtractor } from './pdf';
import { textExtractor } from './text';
import type { Extractor } from './types';
import { videoExtractor } from './video';
import { xmpExtractor } from './xmp';

/** Order matters: specific formats first, generic scanners (XMP packets, plain text) last. */
export const extractors: readonly Extractor[] = [
  imageExtractor,
  pdfExtractor,
  officeExtractor,
  videoExtractor,
  accessLogExtractor,
  xmpExtractor,
  textExtractor,
];
