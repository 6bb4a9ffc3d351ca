import { expect, type Locator, type Page } from '@playwright/test';

export interface TableRow {
  id: number;
  path: string;
  sha256: string;
}

/** The case workspace: header, sources and ingest, the artifact table, the detail pane, search. */
export class WorkspacePage {
  readonly root: Locator;
  readonly caseName: Locator;
  readonly caseExaminer: Locator;
  readonly caseDir: Locator;
  readonly artifactCount: Locator;
  readonly closeCaseButton: Locator;
  readonly sourceTree: Locator;
  readonly sourcesEmpty: Locator;
  readonly addEvidencePath: Locator;
  readonly addEvidenceSubmit: Locator;
  readonly addEvidenceError: Locator;
  readonly ingestPanel: Locator;
  readonly ingestStatus: Locator;
  readonly ingestFiles: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly tableCount: Locator;
  readonly filter: Locator;
  readonly artifactsEmpty: Locator;
  readonly detail: Locator;
  readonly detailEmpty: Locator;
  readonly detailName: Locator;
  readonly detailPath: Locator;
  readonly detailSha256: Locator;
  readonly detailSize: Locator;
  readonly searchInput: Locator;
  readonly searchHits: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('case-workspace');
    this.caseName = page.getByTestId('case-name');
    this.caseExaminer = page.getByTestId('case-examiner');
    this.caseDir = page.getByTestId('case-dir');
    this.artifactCount = page.getByTestId('case-artifact-count');
    this.closeCaseButton = page.getByTestId('close-case');
    this.sourceTree = page.getByTestId('source-tree');
    this.sourcesEmpty = page.getByTestId('sources-empty');
    this.addEvidencePath = page.getByTestId('add-evidence-path');
    this.addEvidenceSubmit = page.getByTestId('add-evidence-submit');
    this.addEvidenceError = page.getByTestId('add-evidence-error');
    this.ingestPanel = page.getByTestId('ingest-panel');
    this.ingestStatus = page.getByTestId('ingest-status');
    this.ingestFiles = page.getByTestId('ingest-files');
    this.table = page.getByTestId('artifact-table');
    this.rows = page.getByTestId('artifact-row');
    this.tableCount = page.getByTestId('artifact-count');
    this.filter = page.getByTestId('artifact-filter');
    this.artifactsEmpty = page.getByTestId('artifacts-empty');
    this.detail = page.getByTestId('artifact-detail');
    this.detailEmpty = page.getByTestId('detail-empty');
    this.detailName = page.getByTestId('detail-name');
    this.detailPath = page.getByTestId('detail-path');
    this.detailSha256 = page.getByTestId('hash-sha256').getByTestId('hash-value');
    this.detailSize = page.getByTestId('fact-size');
    this.searchInput = page.getByTestId('search-input');
    this.searchHits = page.getByTestId('search-hit');
  }

  async waitOpen(caseName: string): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.caseName).toHaveText(caseName);
  }

  async addEvidence(path: string): Promise<void> {
    await this.addEvidencePath.fill(path);
    await this.addEvidenceSubmit.click();
  }

  /** Waits until the progress panel reports a finished job and returns its status label. */
  async waitForIngestEnd(timeout = 120_000): Promise<string> {
    await expect(this.ingestPanel).toHaveAttribute('data-job-status', /^(done|failed|cancelled|interrupted)$/, { timeout });
    return (await this.ingestStatus.textContent()) ?? '';
  }

  async expectTotal(count: number): Promise<void> {
    await expect(this.table).toHaveAttribute('data-total', String(count), { timeout: 20_000 });
  }

  /** Every row the table has rendered (the table is virtualized: scroll first for long lists). */
  async renderedRows(): Promise<TableRow[]> {
    return this.rows.evaluateAll((els) =>
      els.map((el) => ({ id: Number(el.getAttribute('data-id')), path: el.getAttribute('data-path') ?? '', sha256: el.getAttribute('data-sha256') ?? '' })),
    );
  }

  /** Rows of the whole table, scrolling through it so the virtual list renders every part once. */
  async allRows(): Promise<TableRow[]> {
    const byId = new Map<number, TableRow>();
    const total = Number(await this.table.getAttribute('data-total'));
    for (let guard = 0; guard < 1000; guard += 1) {
      for (const r of await this.renderedRows()) byId.set(r.id, r);
      if (byId.size >= total) break;
      const atEnd = await this.table.evaluate((el) => {
        const before = el.scrollTop;
        el.scrollTop += el.clientHeight;
        return el.scrollTop === before;
      });
      if (atEnd) {
        await expect.poll(async () => (await this.renderedRows()).every((r) => r.path !== '')).toBe(true);
        for (const r of await this.renderedRows()) byId.set(r.id, r);
        break;
      }
      await expect(this.rows.first()).toBeVisible();
    }
    return [...byId.values()];
  }

  row(path: string): Locator {
    return this.rows.and(this.page.locator(`[data-path="${cssString(path)}"]`));
  }

  async selectRow(path: string): Promise<void> {
    await this.row(path).click();
    await expect(this.detailPath).toHaveText(path);
  }

  async sortBy(column: 'path' | 'mime' | 'size' | 'mtime' | 'sha256' | 'status' | 'duplicates'): Promise<void> {
    await this.page.getByTestId(`sort-${column}`).click();
  }

  async pressInTable(key: string): Promise<void> {
    await this.table.focus();
    await this.table.press(key);
  }

  async search(text: string): Promise<void> {
    await this.searchInput.fill(text);
    await this.searchInput.press('Enter');
  }

  async showAll(): Promise<void> {
    await this.page.getByTestId('tree-all').click();
  }

  /** Shows one artifact by filtering the table to its path and clicking its row. */
  async openArtifact(path: string): Promise<void> {
    await this.filter.fill(path);
    await expect(this.row(path)).toBeVisible();
    await this.selectRow(path);
  }

  metadataValue(group: string, tag: string): Locator {
    return this.detail
      .getByTestId('metadata-group')
      .and(this.page.locator(`[data-group="${cssString(group)}"]`))
      .getByTestId('metadata-tag')
      .and(this.page.locator(`[data-tag="${cssString(tag)}"]`));
  }

  textPage(page: number): Locator {
    return this.detail.getByTestId('text-page').and(this.page.locator(`[data-page="${page}"]`));
  }

  logClient(ip: string): Locator {
    return this.detail.getByTestId('log-client').and(this.page.locator(`[data-ip="${cssString(ip)}"]`));
  }

  async scrollDetailTo(section: Locator): Promise<void> {
    await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  }

  section(name: 'metadata' | 'text' | 'timestamps' | 'links' | 'log' | 'extractors'): Locator {
    return this.page.getByTestId(`detail-${name}`);
  }

  folder(prefix: string): Locator {
    return this.page.getByTestId('tree-folder').and(this.page.locator(`[data-prefix="${cssString(prefix)}"]`));
  }
}

function cssString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
