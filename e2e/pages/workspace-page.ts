import { expect, type Locator, type Page } from '@playwright/test';

export interface TableRow {
  id: number;
  path: string;
  sha256: string;
}

export interface TimelineRow {
  field: string;
  path: string;
  /** The Time (UTC) cell as shown, e.g. `2024-03-15 05:22:05` or `2024-03-16 08:00:00no offset`. */
  time: string;
  /** The Recorded cell as shown, e.g. `2024-03-15 14:22:05 +09:00`. */
  recorded: string;
}

/** The case workspace: header, sources and ingest, the artifact table, the detail pane, search. */
export class WorkspacePage {
  readonly root: Locator;
  readonly caseName: Locator;
  readonly caseExaminer: Locator;
  readonly caseDir: Locator;
  /** The case header's read-only badge, shown when the case folder or database cannot be written. */
  readonly readOnlyBadge: Locator;
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
  readonly preview: Locator;
  /** The verified picture (`data-origin` says where it came from); absent when there is no preview. */
  readonly previewFigure: Locator;
  readonly previewImage: Locator;
  readonly previewNone: Locator;
  readonly textPages: Locator;
  readonly searchInput: Locator;
  readonly searchHits: Locator;
  readonly artifactsTab: Locator;
  readonly timelineTab: Locator;
  readonly timeline: Locator;
  readonly timelineRows: Locator;
  readonly timelineFrom: Locator;
  readonly timelineTo: Locator;
  readonly timelineApply: Locator;
  readonly timelineCount: Locator;
  readonly timelineScope: Locator;
  readonly timelinePin: Locator;
  readonly rerunForm: Locator;
  readonly rerunQuestion: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('case-workspace');
    this.caseName = page.getByTestId('case-name');
    this.caseExaminer = page.getByTestId('case-examiner');
    this.caseDir = page.getByTestId('case-dir');
    this.readOnlyBadge = page.getByTestId('case-read-only');
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
    this.preview = page.getByTestId('detail-preview');
    this.previewFigure = this.preview.getByTestId('preview');
    this.previewImage = this.preview.getByTestId('preview-image');
    this.previewNone = this.preview.getByTestId('preview-none');
    this.textPages = this.detail.getByTestId('text-page');
    this.searchInput = page.getByTestId('search-input');
    this.searchHits = page.getByTestId('search-hit');
    this.artifactsTab = page.getByRole('tab', { name: 'Artifacts' });
    this.timelineTab = page.getByRole('tab', { name: 'Timeline' });
    this.timeline = page.getByTestId('timeline-list');
    this.timelineRows = page.getByTestId('timeline-row');
    this.timelineFrom = page.getByTestId('timeline-from');
    this.timelineTo = page.getByTestId('timeline-to');
    this.timelineApply = page.getByTestId('timeline-apply');
    this.timelineCount = page.getByTestId('timeline-count');
    this.timelineScope = page.getByTestId('timeline-scope');
    this.timelinePin = page.getByTestId('timeline-pin');
    this.rerunForm = page.getByTestId('rerun-form');
    this.rerunQuestion = this.rerunForm.getByRole('alert');
  }

  async waitOpen(caseName: string): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.caseName).toHaveText(caseName);
  }

  /** Reloads the page: the address keeps the case and the view, so the workspace comes back as it was. */
  async reload(): Promise<void> {
    await this.page.reload();
    await expect(this.page.locator('[data-app-state="ready"]')).toBeVisible({ timeout: 20_000 });
    await expect(this.root).toBeVisible();
  }

  /** The sources column folds away on narrow windows; the header's menu button brings it back. */
  async showSources(): Promise<void> {
    if (await this.addEvidencePath.isVisible()) return;
    await this.page.getByRole('button', { name: 'Show or hide the sources column' }).click();
    await expect(this.addEvidencePath).toBeVisible();
  }

  async addEvidence(path: string): Promise<void> {
    await this.showSources();
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
      els.map((el) => ({
        id: Number(el.getAttribute('data-id')),
        path: el.getAttribute('data-path') ?? '',
        sha256: el.getAttribute('data-sha256') ?? '',
      })),
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

  /** The name a row shows (the file or member name, its folder after it). */
  rowName(path: string): Locator {
    return this.row(path).getByTestId('artifact-name');
  }

  rowType(path: string): Locator {
    return this.row(path).getByTestId('artifact-type');
  }

  rowModified(path: string): Locator {
    return this.row(path).getByTestId('artifact-mtime');
  }

  /** The "no zone" mark of a time recorded without a time zone, whose tooltip says how it sorts. */
  rowZoneless(path: string): Locator {
    return this.rowModified(path).getByTestId('zone-none');
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

  /** Empties the search box and submits, which lifts the search filter from the table. */
  async clearSearch(): Promise<void> {
    await this.searchInput.fill('');
    await this.searchInput.press('Enter');
  }

  /** The marked part of each search hit's snippet: what the backend matched, as the evidence wrote it. */
  searchHitMarks(path: string): Locator {
    return this.searchHits.and(this.page.locator(`[title^="${cssString(path)}"]`)).locator('mark');
  }

  /** The search matches marked in the detail pane's text view. */
  get textHits(): Locator {
    return this.detail.getByTestId('text-hit');
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

  /** The decoded text of one metadata tag. */
  metadataText(group: string, tag: string): Locator {
    return this.metadataValue(group, tag).getByTestId('metadata-value');
  }

  /** The `decoded from <encoding>` note of a legacy-encoded metadata string. */
  metadataEncoding(group: string, tag: string): Locator {
    return this.metadataValue(group, tag).getByTestId('metadata-encoding');
  }

  textPage(page: number): Locator {
    return this.detail.getByTestId('text-page').and(this.page.locator(`[data-page="${page}"]`));
  }

  logClient(ip: string): Locator {
    return this.detail.getByTestId('log-client').and(this.page.locator(`[data-ip="${cssString(ip)}"]`));
  }

  logClientRequests(ip: string): Locator {
    return this.logClient(ip).getByTestId('log-client-requests');
  }

  logClientCountry(ip: string): Locator {
    return this.logClient(ip).getByTestId('log-client-country');
  }

  /** Width of the preview as the browser decoded it: 0 while loading or when the bytes did not decode. */
  async previewNaturalWidth(): Promise<number> {
    return this.previewImage.evaluate((img) => (img instanceof HTMLImageElement && img.complete ? img.naturalWidth : 0));
  }

  async scrollDetailTo(section: Locator): Promise<void> {
    await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  }

  section(
    name:
      | 'preview'
      | 'attribution'
      | 'notes'
      | 'annotations'
      | 'language'
      | 'translation'
      | 'metadata'
      | 'text'
      | 'file'
      | 'timestamps'
      | 'links'
      | 'log'
      | 'audit'
      | 'extractors',
  ): Locator {
    return this.page.getByTestId(`detail-${name}`);
  }

  folder(prefix: string): Locator {
    return this.page.getByTestId('tree-folder').and(this.page.locator(`[data-prefix="${cssString(prefix)}"]`));
  }

  /** Opens a folder in the sources tree; its sub-folders are fetched on the first expand. */
  async expandFolder(prefix: string): Promise<void> {
    const row = this.folder(prefix);
    await row.getByTestId('tree-folder-toggle').click();
    await expect(row.locator('xpath=..')).toHaveAttribute('aria-expanded', 'true');
  }

  /** The `<li>` of one evidence source in the tree, by its base name (`evidence`). */
  source(name: string): Locator {
    return this.sourceTree
      .getByRole('treeitem')
      .filter({ has: this.page.getByTestId('tree-source').and(this.page.locator(`[data-name="${cssString(name)}"]`)) });
  }

  rerunButton(sourceName: string): Locator {
    return this.source(sourceName).getByTestId('source-rerun');
  }

  /** Opens a source's re-extraction choice and submits it; `everything` stops at the confirmation question. */
  async requestRerun(sourceName: string, mode: 'outdated' | 'everything'): Promise<void> {
    await this.rerunButton(sourceName).click();
    await this.rerunForm.getByTestId(mode === 'outdated' ? 'rerun-outdated' : 'rerun-everything').check();
    await this.rerunForm.getByTestId('rerun-submit').click();
  }

  async confirmRerun(): Promise<void> {
    await this.rerunForm.getByTestId('rerun-confirm').click();
    await expect(this.rerunForm).toHaveCount(0);
  }

  /** Re-runs extraction on one source, answering yes to the confirmation `everything` asks for. */
  async rerunExtraction(sourceName: string, mode: 'outdated' | 'everything'): Promise<void> {
    await this.requestRerun(sourceName, mode);
    if (mode === 'everything') await this.confirmRerun();
    await expect(this.rerunForm).toHaveCount(0);
  }

  async currentJobId(): Promise<number | null> {
    const id = await this.ingestPanel.getAttribute('data-job-id');
    return id ? Number(id) : null;
  }

  /** Waits for a job other than `previousJobId` to finish and returns its status label. */
  async waitForNextJobEnd(previousJobId: number | null, timeout = 120_000): Promise<string> {
    await expect(this.ingestPanel).not.toHaveAttribute('data-job-id', String(previousJobId), { timeout });
    return this.waitForIngestEnd(timeout);
  }

  async openTimeline(): Promise<void> {
    await this.timelineTab.click();
    await expect(this.timelineTab).toHaveAttribute('aria-selected', 'true');
    await expect(this.timelineCount).not.toHaveText('Loading…');
  }

  /** Sets the UTC bounds (`2024-03-15T05:22`) and applies them. */
  async setTimelineRange(from: string, to: string): Promise<void> {
    await this.timelineFrom.fill(from);
    await this.timelineTo.fill(to);
    await this.timelineApply.click();
    await expect(this.timelineApply).toBeDisabled();
  }

  timelineEvent(field: string, path: string): Locator {
    return this.timelineRows.and(this.page.locator(`[data-field="${cssString(field)}"][data-path="${cssString(path)}"]`));
  }

  /** The Time (UTC) cell of a timeline row. */
  timelineTime(row: Locator): Locator {
    return row.getByTestId('timeline-time');
  }

  /** The Recorded cell of a timeline row: the value as the evidence gave it, with its offset. */
  timelineRecorded(row: Locator): Locator {
    return row.getByTestId('timeline-value');
  }

  /** The rendered timeline rows (the list is virtualized: narrow it with a range or folder first). */
  async timelineData(): Promise<TimelineRow[]> {
    return this.timelineRows.evaluateAll((els) =>
      els.map((el) => ({
        field: el.getAttribute('data-field') ?? '',
        path: el.getAttribute('data-path') ?? '',
        time: el.querySelector('[data-testid="timeline-time"]')?.textContent ?? '',
        recorded: el.querySelector('[data-testid="timeline-value"]')?.textContent ?? '',
      })),
    );
  }

  /** Clicks an event's artifact path, which selects the artifact and shows its detail. */
  async openTimelineEvent(field: string, path: string): Promise<void> {
    await this.timelineEvent(field, path).first().getByTestId('timeline-path').click();
    await expect(this.detailPath).toHaveText(path);
  }

  async pressInTimeline(key: string): Promise<void> {
    await this.timeline.focus();
    await this.timeline.press(key);
  }
}

function cssString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
