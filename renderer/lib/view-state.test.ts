import { describe, expect, it } from 'vitest';
import { decodeView, encodeView, filtersFromRecord, type ViewState } from './view-state';

const base: ViewState = {
  dir: '/cases/원화 2024',
  sort: 'path',
  order: 'asc',
  filter: '',
  sourceId: null,
  pathPrefix: null,
  filters: {},
  selectedId: null,
  tab: 'artifacts',
};

describe('view state in the URL', () => {
  it('round-trips every filter, the scope, the sort, the selection and the tab', () => {
    const view: ViewState = {
      ...base,
      sort: 'mtime',
      order: 'desc',
      filter: 'frame',
      sourceId: 2,
      pathPrefix: 'bundle.zip!/notes/',
      selectedId: 42,
      tab: 'audit',
      filters: {
        search: '原画 인빈서블',
        type: 'image/',
        language: 'zh-Hant',
        variant: 'hant',
        nkMin: 0.5,
        stage: 'key-animation',
        production: 'invincible',
        tagStatus: 'confirmed',
        suggested: 'iyanu',
        labelId: 3,
        starred: true,
        hasNotes: false,
        hasErrors: true,
        duplicates: true,
        mismatch: false,
        from: '2024-03-01',
        to: '2024-03-31',
      },
    };
    const hash = encodeView(view);
    expect(decodeView(`#${hash}`)).toEqual(view);
  });

  it('keeps a plain view short and decodes it to the defaults', () => {
    expect(encodeView(base)).toBe('case=%2Fcases%2F%EC%9B%90%ED%99%94+2024');
    expect(decodeView(encodeView(base))).toEqual(base);
  });

  it('drops values the list would refuse instead of failing the whole view', () => {
    const view = decodeView('case=%2Fc&language=klingon&nkMin=7&labelId=x&starred=maybe&sort=nonsense&sel=-1&tab=nope&stage=layout');
    expect(view).toEqual({ ...base, dir: '/c', filters: { stage: 'layout' } });
  });

  it('has no view without a case', () => {
    expect(decodeView('')).toBeNull();
    expect(decodeView('#search=x')).toBeNull();
  });

  it('reads a saved search query, ignoring keys that are not filters', () => {
    expect(filtersFromRecord({ search: '原画', starred: true, dir: '/elsewhere', offset: 5, nkMin: 2 })).toEqual({
      search: '原画',
      starred: true,
    });
  });
});
