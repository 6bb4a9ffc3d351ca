import { describe, expect, it } from 'vitest';
import type { Production } from '../../shared/domain/analysis';
import { boundedDistance, createWatchlistMatcher, starterWatchlist } from './watchlist';

const matcher = createWatchlistMatcher(starterWatchlist.productions);
const found = (text: string, kind?: 'text' | 'name') =>
  matcher.match(text, 'f', { kind }).hits.map((h) => [h.productionId, h.text, h.match]);

describe('starter watchlist', () => {
  it('holds the two publicly reported productions, marked editable, with aliases in several scripts', () => {
    expect(starterWatchlist.notes).toMatch(/edit/i);
    const invincible = starterWatchlist.productions.find((p) => p.id === 'invincible');
    expect(invincible?.networks).toContain('Amazon Prime Video');
    expect(invincible?.studios).toContain('Skybound Entertainment');
    expect(invincible?.aliases.map((a) => a.text)).toEqual(
      expect.arrayContaining(['인빈서블', '无敌少侠', '無敵少俠', 'Mark Grayson', 'Omni-Man']),
    );
    const iyanu = starterWatchlist.productions.find((p) => p.id === 'iyanu');
    expect(iyanu?.networks).toEqual(expect.arrayContaining(['Max', 'Cartoon Network']));
    expect(iyanu?.aliases.map((a) => a.text)).toEqual(expect.arrayContaining(['이야누', '伊亚努']));
  });
});

describe('watchlist matcher', () => {
  it('finds titles through case, width, spacing and punctuation', () => {
    expect(found('INVINCIBLE_ep3_layout.psd', 'name')).toEqual([['invincible', 'INVINCIBLE', 'exact']]);
    expect(found('ＩＮＶＩＮＣＩＢＬＥ')).toEqual([['invincible', 'ＩＮＶＩＮＣＩＢＬＥ', 'exact']]);
    expect(found('iyanu_s01e02')).toEqual([['iyanu', 'iyanu', 'exact']]);
    expect(found('Iyanu - Child of Wonder ep 2')).toEqual([['iyanu', 'Iyanu - Child of Wonder', 'exact']]);
    expect(found('omni man fight, MarkGrayson')).toEqual([
      ['invincible', 'omni man', 'exact'],
      ['invincible', 'MarkGrayson', 'exact'],
    ]);
  });

  it('finds CJK aliases whole, in either Chinese standard', () => {
    expect(found('《無敵少俠》第三季 原畫')).toEqual([['invincible', '無敵少俠', 'exact']]);
    expect(found('无敌少侠第3集')).toEqual([['invincible', '无敌少侠', 'exact']]);
    expect(found('인빈서블의 원화 수정')).toEqual([['invincible', '인빈서블', 'exact']]);
    expect(found('伊亞努 角色設定')).toEqual([['iyanu', '伊亞努', 'exact']]);
    expect(found('无敌少')).toEqual([]);
  });

  it('finds misspelt long titles with a score below exact ones', () => {
    const { hits } = matcher.match('see invincable and Invinsible ep3, Mark Greyson', 'f');
    expect(hits.map((h) => [h.text, h.match, h.distance])).toEqual([
      ['invincable', 'fuzzy', 1],
      ['Invinsible', 'fuzzy', 1],
      ['Mark Greyson', 'fuzzy', 1],
    ]);
    expect(hits[1]?.score).toBeLessThan(1);
    expect(hits[1]?.reason).toContain('1 edit');
  });

  it('does not fire inside other words or on near words too far away', () => {
    expect(found('invincibleness')).toEqual([]);
    expect(found('the invisible man')).toEqual([]);
    expect(found('Skyboundary')).toEqual([]);
    expect(found('kiyanu')).toEqual([]);
    expect(found('이야누나')).toEqual([['iyanu', '이야누', 'exact']]);
    expect(found('아이야누')).toEqual([]);
  });

  it('scores an alias that is also an ordinary word lower in lower-case prose', () => {
    const [prose] = matcher.match('the army seemed invincible that day', 'f', { kind: 'text' }).hits;
    const [title] = matcher.match('Invincible season 3 notes', 'f', { kind: 'text' }).hits;
    const [name] = matcher.match('invincible_s3.pdf', 'f', { kind: 'name' }).hits;
    expect(prose?.score).toBe(0.5);
    expect(prose?.reason).toContain('ordinary word');
    expect(title?.score).toBe(1);
    expect(name?.score).toBe(1);
  });

  it('returns a snippet with the hit highlighted, offsets into the original text', () => {
    const text = `${'x'.repeat(100)} 第3集 無敵少俠 原畫修正 ${'y'.repeat(100)}`;
    const [hit] = matcher.match(text, 'pdf:page:2').hits;
    expect(hit).toBeDefined();
    if (!hit) return;
    expect(text.slice(hit.start, hit.end)).toBe('無敵少俠');
    expect(hit.snippet.slice(hit.highlight.start, hit.highlight.end)).toBe('無敵少俠');
    expect(hit.field).toBe('pdf:page:2');
    expect(hit.snippet.length).toBeLessThanOrEqual(4 + 80);
  });

  it('matches any production list given to it', () => {
    const custom: Production[] = [
      { id: 'p1', title: 'Blue Harbor', networks: [], studios: [], notes: '', aliases: [{ text: '蓝港', lang: 'zh-Hans', kind: 'title' }] },
    ];
    const m = createWatchlistMatcher(custom);
    expect(m.match('BLUE-HARBOR_c01 藍港', 'f').hits.map((h) => h.text)).toEqual(['BLUE-HARBOR', '藍港']);
  });

  it('lets two productions claim the same words', () => {
    const twins: Production[] = ['a', 'b'].map((id) => ({
      id,
      title: `Harbor ${id}`,
      networks: [],
      studios: [],
      notes: '',
      aliases: [{ text: 'Harbor', lang: 'en', kind: 'title' }],
    }));
    expect(
      createWatchlistMatcher(twins)
        .match('Harbor notes', 'f')
        .hits.map((h) => h.productionId),
    ).toEqual(['a', 'b']);
  });

  it('finds the one title at the end of a megabyte', () => {
    const text = 'Cut 12: redraw the hands, colour is off. 第3卡原画修改。원화 수정 바랍니다. '.repeat(15_000) + 'INVINCIBLE';
    const { hits } = matcher.match(text, 'text');
    expect(hits.map((h) => h.text)).toEqual(['INVINCIBLE']);
  });

  it('counts every hit of a text full of titles but dresses only the listed ones', () => {
    const text = 'Invincible S3 notes, cut 12. '.repeat(20_000);
    const r = matcher.match(text, 'text', { maxHits: 5 });
    expect(r).toMatchObject({ totalHits: 20_000, counts: { invincible: 20_000 }, truncated: true });
    expect(r.hits).toHaveLength(5);
  });
});

describe('boundedDistance', () => {
  it('counts edits and adjacent swaps up to a bound', () => {
    expect(boundedDistance('invincible', 'invincable', 2)).toBe(1);
    expect(boundedDistance('invincible', 'invicnible', 2)).toBe(1);
    expect(boundedDistance('invincible', 'invisible', 1)).toBe(2);
    expect(boundedDistance('abc', 'abc', 0)).toBe(0);
    expect(boundedDistance('iyanuchildofwonder', 'iyanuchldofwondre', 2)).toBe(2);
    expect(boundedDistance('iyanuchildofwonder', 'xyanuchildofwondex', 2)).toBe(2);
    expect(boundedDistance('iyanuchildofwonder', 'xyanuchxldofwondex', 2)).toBe(3);
  });

  it('agrees with the full dynamic programme on random strings', () => {
    const full = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) =>
        Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
      );
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++) {
          const row = d[i] as number[];
          const up = d[i - 1] as number[];
          row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
            row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
        }
      return (d[a.length] as number[])[b.length] as number;
    };
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const word = (): string => Array.from({ length: 3 + Math.floor(next() * 10) }, () => 'abc'[Math.floor(next() * 3)]).join('');
    for (let k = 0; k < 500; k++) {
      const a = word();
      const b = word();
      for (const max of [0, 1, 2, 3]) expect(boundedDistance(a, b, max), `${a} ${b} ${max}`).toBe(Math.min(full(a, b), max + 1));
    }
  });
});
