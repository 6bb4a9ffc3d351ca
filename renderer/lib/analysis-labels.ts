import type { LanguageLabel, ProductionStage } from '../../shared/domain/analysis';

export const LANGUAGE_NAMES: Record<LanguageLabel, string> = {
  'zh-Hans': 'Chinese (simplified)',
  'zh-Hant': 'Chinese (traditional)',
  ko: 'Korean',
  ja: 'Japanese',
  en: 'English',
  other: 'Other',
  und: 'No letters',
};

/** Short forms for the table's Language column. */
export const LANGUAGE_SHORT: Record<LanguageLabel, string> = {
  'zh-Hans': 'zh · simpl.',
  'zh-Hant': 'zh · trad.',
  ko: 'Korean',
  ja: 'Japanese',
  en: 'English',
  other: 'other',
  und: '—',
};

export const VARIANT_NAMES: Record<string, string> = {
  hans: 'simplified',
  hant: 'traditional',
  mixed: 'mixed simplified and traditional',
  none: 'no Chinese',
};

export const STAGE_NAMES: Record<ProductionStage, string> = {
  design: 'Design',
  storyboard: 'Storyboard',
  layout: 'Layout',
  'key-animation': 'Key animation',
  'in-between': 'In-between',
  colour: 'Colour',
  background: 'Background',
  compositing: 'Compositing',
  timesheet: 'Timesheet',
  'editing-instructions': 'Editing instructions',
};

export const stageName = (stage: string | null | undefined): string => (stage ? (STAGE_NAMES[stage as ProductionStage] ?? stage) : '—');

export const percent = (share: number): string => `${Math.round(share * 100)}%`;

/** A Korean-variety score worth showing in the table: North Korean spelling markers found. */
export const NK_SHOWN = 0.2;

/** A gloss short enough to sit inline after its term: the part before its explanation (`key animation: the key…`). */
export const shortGloss = (gloss: string): string => gloss.split(/[:;(]/)[0]?.trim() || gloss;
