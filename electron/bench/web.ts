import { spawn, type ChildProcess } from 'node:child_process';
import { execSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { chromium, type Page } from '@playwright/test';
import { percentile, round, webHost } from './tools';

/** The loopback web host over one data folder: search latency through the contract, and the UI in Chromium. */
export interface Host {
  url: string;
  origin: string;
  token: string;
  stop(): void;
}

export async function startHost(dataDir: string): Promise<Host> {
  const child: ChildProcess = spawn(process.execPath, [webHost], {
    env: { ...process.env, WORKBENCH_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /HTTP host listening on (\S+)/.exec(line);
      if (match) resolve(match[1] as string);
    });
    child.on('exit', (code) => reject(new Error(`web host exited with ${code}`)));
  });
  const parsed = new URL(url);
  return { url, origin: parsed.origin, token: parsed.searchParams.get('token') ?? '', stop: () => child.kill('SIGTERM') };
}

async function rpc(host: Host, channel: string, input: unknown): Promise<unknown> {
  const res = await fetch(`${host.origin}/rpc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-workbench-token': host.token },
    body: JSON.stringify(input),
  });
  const reply = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!reply.ok) throw new Error(`${channel}: ${reply.error?.message}`);
  return reply.value;
}

/** Query classes: script × length (1, 2, 3+ characters), each a term that occurs in the trove. */
export const SEARCH_QUERIES: Record<string, string> = {
  latin_1: 'e',
  latin_2: 'ep',
  latin_3plus: 'invincible',
  zh_1: '型',
  zh_2: '原画',
  zh_3plus: '原画修型',
  ko_1: '원',
  ko_2: '원화',
  ko_3plus: '인빈서블',
};

/** p50/p95 of `search.query` round trips per class, through the web host's RPC as the renderer makes them. */
export async function searchLatency(
  host: Host,
  caseDir: string,
  runs = 30,
): Promise<Record<string, { p50: number; p95: number; hits: number }>> {
  await rpc(host, 'cases.open', { dir: caseDir });
  const out: Record<string, { p50: number; p95: number; hits: number }> = {};
  for (const [name, query] of Object.entries(SEARCH_QUERIES)) {
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < runs + 3; i++) {
      const started = performance.now();
      hits = ((await rpc(host, 'search.query', { dir: caseDir, query, limit: 200 })) as unknown[]).length;
      if (i >= 3) times.push(performance.now() - started);
    }
    out[name] = { p50: round(percentile(times, 50), 1), p95: round(percentile(times, 95), 1), hits };
  }
  return out;
}

/**
 * The review at scale: one bulk call tagging 10,000 selected artifacts (they are selected the way "select all
 * matching" does), then list filters by production and label and full-text search combined with them.
 */
export async function reviewTimings(
  host: Host,
  caseDir: string,
  runs = 20,
): Promise<{ tagged: number; bulkTagMs: number; filterP95Ms: number; searchP95Ms: number }> {
  const examiner = 'bench';
  const { ids } = (await rpc(host, 'artifacts.select', { dir: caseDir, type: 'file' })) as { ids: number[] };
  const chosen = ids.slice(0, 10_000);
  const label = (await rpc(host, 'labels.create', { dir: caseDir, examiner, name: `bench ${Date.now()}`, color: '#3366cc' })) as {
    id: number;
  };
  const started = performance.now();
  await rpc(host, 'tags.set', {
    dir: caseDir,
    examiner,
    artifactIds: chosen,
    productionId: 'invincible',
    status: 'suspected',
    confidence: 'low',
    rationale: 'bench',
  });
  const bulkTagMs = performance.now() - started;
  await rpc(host, 'labels.apply', {
    dir: caseDir,
    examiner,
    artifactIds: chosen.filter((_, i) => i % 3 === 0),
    labelId: label.id,
    applied: true,
  });
  const time = async (channel: string, input: unknown): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const t = performance.now();
      await rpc(host, channel, input);
      if (i >= 2) out.push(performance.now() - t);
    }
    return out;
  };
  const filters = [
    ...(await time('artifacts.list', { dir: caseDir, production: 'invincible', limit: 500 })),
    ...(await time('artifacts.list', { dir: caseDir, production: 'invincible', tagStatus: 'suspected', labelId: label.id, limit: 500 })),
    ...(await time('artifacts.list', { dir: caseDir, language: 'ko', limit: 500 })),
    ...(await time('artifacts.list', { dir: caseDir, starred: false, hasNotes: false, type: 'image/', limit: 500 })),
  ];
  const searches = [
    ...(await time('search.query', { dir: caseDir, query: '원화', production: 'invincible', limit: 200 })),
    ...(await time('search.query', { dir: caseDir, query: 'invincible', labelId: label.id, limit: 200 })),
    ...(await time('search.query', { dir: caseDir, query: '原画修型', language: 'zh-Hans', limit: 200 })),
  ];
  return {
    tagged: chosen.length,
    bulkTagMs: round(bulkTagMs, 0),
    filterP95Ms: round(percentile(filters, 95), 1),
    searchP95Ms: round(percentile(searches, 95), 1),
  };
}

const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? execSync('command -v chromium', { encoding: 'utf8' }).trim();

export interface UiTimings {
  firstPaintMs: number;
  /** Typing in the path filter: includes the pause the table waits for while the analyst is still typing. */
  typedFilterP50Ms: number;
  typedFilterP95Ms: number;
  /** Choosing a value in the filter panel (type, language, production, tag status, label): applied at once. */
  filterP50Ms: number;
  filterP95Ms: number;
  /** Submitting a full-text search while panel filters are set, until the table shows the matching total. */
  searchP50Ms: number;
  searchP95Ms: number;
  /** The same searches until the hit list beside the table shows its snippets. */
  hitListP50Ms: number;
  hitListP95Ms: number;
  deepScrollMs: number;
}

/** What `appears` waits for: an element matching `selector`, with text matching `text` and other than `not`. */
interface Awaited {
  selector: string;
  text?: string;
  not?: string | null;
}

/**
 * Starts watching the page (a MutationObserver) and resolves with the page's clock once `what` is shown. Playwright's
 * own waiting polls at intervals growing to 500 ms and more, too coarse to time a round trip of 50 ms; the watch is
 * set up before the action it times, so nothing it waits for can slip by.
 */
async function appears(page: Page, what: Awaited): Promise<() => Promise<number>> {
  // In-page code, as text: this file is compiled without the DOM's types.
  const watch = `({ done: new Promise((resolve) => {
    const { selector, text, not } = ${JSON.stringify({ selector: what.selector, text: what.text ?? null, not: what.not ?? null })};
    const shown = () => [...document.querySelectorAll(selector)].some((el) => {
      const content = el.textContent ?? '';
      return (text === null || new RegExp(text).test(content)) && (not === null || content !== not);
    });
    if (shown()) return resolve(performance.now());
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      resolve(performance.now());
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  }) })`;
  // Wrapped in an object: a promise returned directly would be awaited here, before the action it is to time.
  const handle = await page.evaluateHandle(watch);
  return async () => Number(await handle.evaluate((watching) => (watching as { done: Promise<number> }).done));
}

const within = <T>(work: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not shown within ${ms} ms: ${what}`)), ms).unref()),
  ]);

/** Milliseconds from `act` to `what` being shown, on the page's clock. */
async function timed(page: Page, what: Awaited, act: () => Promise<unknown>, timeoutMs = 60_000): Promise<number> {
  const shown = await appears(page, what);
  const started = await page.evaluate(() => performance.now());
  await act();
  return (await within(shown(), timeoutMs, what.selector)) - started;
}

/**
 * In Chromium: open the case from the start screen and time until the first table row shows; type path filters,
 * choose panel filters and submit searches with panel filters set, and time each until the table shows the new
 * total; scroll to the last row and time until it is drawn. Panel choices alternate with "Any" so that every step
 * changes the total the timer waits for.
 */
export async function uiTimings(host: Host, caseDir: string, caseName: string): Promise<UiTimings> {
  await rpc(host, 'cases.open', { dir: caseDir });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(host.url);
    await page.locator('[data-app-state="ready"]').waitFor();
    // Opening asks who is working; the examiner offered is kept, as an analyst would.
    await page
      .getByTestId('recent-case')
      .filter({ hasText: caseName })
      .filter({ hasText: caseDir })
      .getByTestId('recent-case-open')
      .click();
    const firstPaintMs = await timed(page, { selector: '[data-testid="artifact-row"][data-path]' }, () =>
      page.getByTestId('examiner-confirm').click(),
    );

    const count = page.getByTestId('artifact-count');
    // The count once it shows a total other than `before`: not the "Loading…" it shows while the request runs.
    const totalOtherThan = (before: string | null): Awaited => ({
      selector: '[data-testid="artifact-count"]',
      text: '^[\\d,]+ artifacts?$',
      not: before,
    });
    const untilTotalChanges = async (act: () => Promise<unknown>): Promise<number> =>
      timed(page, totalOtherThan(await count.textContent()), act);
    const filter = page.getByTestId('artifact-filter');
    const filterTimes: number[] = [];
    for (const text of ['jpg', 'pdf', '原画', 'ep0', 'txt', 'comp', '수정', 'zip', 'log', 'png', 's01', 'layout'])
      filterTimes.push(await untilTotalChanges(() => filter.fill(text)));
    // Cleared, the table shows the whole case again once the typing pause is over.
    await untilTotalChanges(() => filter.fill(''));

    const total = Number((await count.textContent())?.replace(/\D/g, '') ?? '0');
    // The last row is drawn with its data (rows still loading carry no path): grid rows count the header as row 1.
    const deepScrollMs = await timed(page, { selector: `[data-testid="artifact-row"][aria-rowindex="${total + 1}"][data-path]` }, () =>
      page.getByTestId('artifact-table').evaluate((el) => el.scrollTo({ top: el.scrollHeight })),
    );

    await page.getByTestId('toggle-filters').click();
    const choices: [testId: string, choose: { value?: string; index?: number }][] = [
      ['filter-type', { value: 'image/' }],
      ['filter-language', { value: 'ko' }],
      ['filter-production', { value: 'invincible' }],
      ['filter-tag-status', { value: 'suspected' }],
      ['filter-label', { index: 1 }],
      ['filter-language', { value: 'zh-Hans' }],
      ['filter-type', { value: 'application/pdf' }],
      ['filter-language', { value: 'en' }],
      ['filter-type', { value: 'text/' }],
      ['filter-tag-status', { value: 'untagged' }],
    ];
    const panelTimes: number[] = [];
    for (const [testId, choose] of choices) {
      const select = page.getByTestId(testId);
      // Labels exist when the review measurement ran first on this case.
      if (choose.index !== undefined && (await select.locator('option').count()) <= choose.index) continue;
      panelTimes.push(await untilTotalChanges(() => select.selectOption(choose)));
      panelTimes.push(await untilTotalChanges(() => select.selectOption({ value: '' })));
    }

    const search = page.getByTestId('search-input');
    const searchTimes: number[] = [];
    await untilTotalChanges(() => page.getByTestId('filter-type').selectOption({ value: 'text/' }));
    const hitListTimes: number[] = [];
    const queries = ['원화', 'invincible', '原画', '수정', 'layout', '原画修型', '인빈서블', 'ep01', '컷', '型'];
    // Each query twice: twenty samples, so that p95 is not simply the slowest one.
    for (const query of [...queries, ...queries]) {
      // The table shows the matching total first, the hit list its snippets next; clearing is not timed, and the next
      // search starts only after it, so no request of one search waits behind another's.
      const before = await count.textContent();
      // Typed first: the round trip starts when the analyst submits.
      await search.fill(query);
      const tableShown = await appears(page, totalOtherThan(before));
      const hitsShown = await appears(page, {
        selector: `[data-testid="search-results"][aria-label="Search results for ${query}"] .search-results__head`,
        text: ' for ',
      });
      const submitted = await page.evaluate(() => performance.now());
      await search.press('Enter');
      searchTimes.push((await within(tableShown(), 60_000, 'the searched total')) - submitted);
      hitListTimes.push((await within(hitsShown(), 60_000, 'the hit list')) - submitted);
      await untilTotalChanges(async () => {
        await search.fill('');
        await search.press('Enter');
      });
    }
    await untilTotalChanges(() => page.getByTestId('filter-type').selectOption({ value: '' }));
    return {
      firstPaintMs: round(firstPaintMs, 0),
      typedFilterP50Ms: round(percentile(filterTimes, 50), 0),
      typedFilterP95Ms: round(percentile(filterTimes, 95), 0),
      filterP50Ms: round(percentile(panelTimes, 50), 0),
      filterP95Ms: round(percentile(panelTimes, 95), 0),
      searchP50Ms: round(percentile(searchTimes, 50), 0),
      searchP95Ms: round(percentile(searchTimes, 95), 0),
      hitListP50Ms: round(percentile(hitListTimes, 50), 0),
      hitListP95Ms: round(percentile(hitListTimes, 95), 0),
      deepScrollMs: round(deepScrollMs, 0),
    };
  } finally {
    await browser.close();
  }
}
