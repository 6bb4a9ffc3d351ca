import { accessLogExtractor } from './access-log';
import { imageExtractor } from './image';
import { officeExtractor } from './office';
import { pdfExtractor } from './pdf';
import { textExtractor } from './text';
import type { Extractor } from './types';
import { videoExtractor } from './video';
import { workFileExtractors } from './work-files';
import { xmpExtractor } from './xmp';

/** Order matters: specific formats first, generic scanners (XMP packets, plain text) last. */
export const extractors: readonly Extractor[] = [
  imageExtractor,
  // After the image extractor, so a PSD's header and resources come from it and the layer view adds to them.
  ...workFileExtractors,
  pdfExtractor,
  officeExtractor,
  videoExtractor,
  accessLogExtractor,
  xmpExtractor,
  textExtractor,
];
