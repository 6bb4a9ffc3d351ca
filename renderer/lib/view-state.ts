import { ArtifactFilters, ArtifactSortKey } from '../../shared/domain/artifact';

/** The filters of the artifact list besides the sources tree's scope and the quick filter box. */
export type ViewFilters = Omit<ArtifactFilters, 'sourceId' | 'pathPrefix' | 'filter'>;
export type FilterKey = keyof ViewFilters;

export const VIEW_TABS = ['artifacts', 'timeline', 'case', 'watchlist', 'clusters', 'audit'] as const;
export type ViewTab = (typeof VIEW_TABS)[number];

/** Everything a reload needs to show the same view: the case, the list's query, the selected artifact, the tab. */
export interface ViewState {
  dir: string;
  sort: ArtifactSortKey;
  order: 'asc' | 'desc';
  filter: string;
  sourceId: number | null;
  pathPrefix: string | null;
  filters: ViewFilters;
  selectedId: number | null;
  tab: ViewTab;
}

type Kind = 'string' | 'number' | 'boolean';
const FILTER_KINDS: Record<FilterKey, Kind> = {
  search: 'string',
  type: 'string',
  language: 'string',
  variant: 'string',
  nkMin: 'number',
  stage: 'string',
  production: 'string',
  tagStatus: 'string',
  suggested: 'string',
  labelId: 'number',
  starred: 'boolean',
  hasNotes: 'boolean',
  hasErrors: 'boolean',
  duplicates: 'boolean',
  mismatch: 'boolean',
  from: 'string',
  to: 'string',
};
export const FILTER_KEYS = Object.keys(FILTER_KINDS) as FilterKey[];

function typed(kind: Kind, raw: string): unknown {
  if (kind === 'number') return raw.trim() === '' ? undefined : Number(raw);
  if (kind === 'boolean') return raw === '1' ? true : raw === '0' ? false : undefined;
  return raw;
}

/** One filter value checked against the contract's own schema; anything the backend would refuse is dropped. */
function checked(key: FilterKey, value: unknown): unknown {
  if (value === undefined || value === '') return undefined;
  const parsed = ArtifactFilters.shape[key].safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** Filters without empty values, so equal views compare and encode the same. */
export function cleanFilters(filters: ViewFilters): ViewFilters {
  const out: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) {
    const value = checked(key, filters[key]);
    if (value !== undefined) out[key] = value;
  }
  return out as ViewFilters;
}

/** Filters from a saved search's query (or any record), keeping only the keys and values the list accepts. */
export function filtersFromRecord(record: Record<string, unknown>): ViewFilters {
  return cleanFilters(Object.fromEntries(FILTER_KEYS.map((k) => [k, record[k]])) as ViewFilters);
}

const encodeValue = (value: unknown): string => (typeof value === 'boolean' ? (value ? '1' : '0') : String(value));

/** The view as a URL fragment (`case=…&search=…`), readable and stable in key order. */
export function encodeView(view: ViewState): string {
  const params = new URLSearchParams();
  params.set('case', view.dir);
  if (view.tab !== 'artifacts') params.set('tab', view.tab);
  if (view.sort !== 'path' || view.order !== 'asc') {
    params.set('sort', view.sort);
    params.set('order', view.order);
  }
  if (view.filter) params.set('q', view.filter);
  if (view.sourceId !== null) params.set('source', String(view.sourceId));
  if (view.pathPrefix) params.set('folder', view.pathPrefix);
  const filters = cleanFilters(view.filters);
  for (const key of FILTER_KEYS) if (filters[key] !== undefined) params.set(key, encodeValue(filters[key]));
  if (view.selectedId !== null) params.set('sel', String(view.selectedId));
  return params.toString();
}

const intOrNull = (raw: string | null): number | null => (raw !== null && /^\d+$/.test(raw) ? Number(raw) : null);

/** A view from a URL fragment (with or without `#`); null without a case. Values the list would refuse are dropped. */
export function decodeView(hash: string): ViewState | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const dir = params.get('case');
  if (!dir) return null;
  const sort = ArtifactSortKey.safeParse(params.get('sort'));
  const tab = VIEW_TABS.find((t) => t === params.get('tab')) ?? 'artifacts';
  const filters: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) {
    const raw = params.get(key);
    if (raw !== null) filters[key] = typed(FILTER_KINDS[key], raw);
  }
  return {
    dir,
    sort: sort.success ? sort.data : 'path',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    filter: params.get('q') ?? '',
    sourceId: intOrNull(params.get('source')),
    pathPrefix: params.get('folder') || null,
    filters: cleanFilters(filters as ViewFilters),
    selectedId: intOrNull(params.get('sel')),
    tab,
  };
}
