import { expect, type Locator, type Page } from '@playwright/test';

/** The access-log view in the detail pane (places, networks, methods, uploads, clients, requests) and the timeline's log filter. */
export class LogPage {
  readonly root: Locator;
  readonly totals: Locator;
  readonly places: Locator;
  readonly networks: Locator;
  readonly uploads: Locator;
  readonly requests: Locator;
  readonly requestCount: Locator;
  readonly clearFilter: Locator;
  readonly timelineFilter: Locator;
  readonly timelineFilterClear: Locator;
  readonly timelineRows: Locator;
  readonly timelineCount: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('log-summary');
    this.totals = this.root.getByTestId('log-totals');
    this.places = this.root.getByTestId('log-place');
    this.networks = this.root.getByTestId('log-network');
    this.uploads = this.root.getByTestId('log-uploads').getByTestId('log-path');
    this.requests = this.root.getByTestId('log-request');
    this.requestCount = this.root.getByTestId('log-request-count');
    this.clearFilter = this.root.getByTestId('log-filter-clear');
    this.timelineFilter = page.getByTestId('timeline-log-filter');
    this.timelineFilterClear = page.getByTestId('timeline-log-filter-clear');
    this.timelineRows = page.getByTestId('timeline-row');
    this.timelineCount = page.getByTestId('timeline-count');
  }

  async waitAnalysed(): Promise<void> {
    await expect(this.totals).toBeVisible({ timeout: 20_000 });
  }

  /** A place row: `CN · Liaoning · 2 clients · 12 requests`. */
  place(country: string, region: string): Locator {
    return this.places.and(this.page.locator(`[data-country="${country}"][data-region="${region}"]`));
  }

  network(asn: number): Locator {
    return this.networks.and(this.page.locator(`[data-asn="${asn}"]`));
  }

  client(ip: string): Locator {
    return this.root.getByTestId('log-client').and(this.page.locator(`[data-ip="${ip}"]`));
  }

  /** Shows a client's requests in the list below and on the timeline. */
  async pickClient(ip: string): Promise<void> {
    await this.client(ip).getByTestId('log-client-pick').click();
  }

  /** Scrolls the detail pane to the log view's place list. */
  async scrollToPlaces(): Promise<void> {
    await this.places.first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
  }

  /** Labels of the timeline rows on screen: `GET /dav/a.psd 200 from 36.49.8.8 (CN · Jilin, AS4134 Chinanet)`. */
  async timelineLabels(): Promise<string[]> {
    return this.timelineRows.evaluateAll((rows) => rows.map((r) => r.lastElementChild?.textContent ?? ''));
  }

  /** IPs of the rendered rows of the request list. */
  async requestIps(): Promise<string[]> {
    return this.requests.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ip') ?? ''));
  }
}
