import { afterEffectsExtractor } from './after-effects';
import { clipStudioExtractor } from './clip-studio';
import { harmonyExtractor } from './harmony';
import { kritaExtractor } from './krita';
import { openRasterExtractor } from './openraster';
import { openToonzExtractor } from './opentoonz';
import { premiereExtractor } from './premiere';
import { psdLayersExtractor } from './psd';
import { timesheetExtractor } from './timesheet';
import { xflExtractor } from './xfl';

/** Illustration and animation work files, each recognised by its own signature or container. */
export const workFileExtractors = [
  psdLayersExtractor,
  clipStudioExtractor,
  kritaExtractor,
  openRasterExtractor,
  xflExtractor,
  timesheetExtractor,
  harmonyExtractor,
  openToonzExtractor,
  afterEffectsExtractor,
  premiereExtractor,
] as const;
