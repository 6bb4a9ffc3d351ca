import type { Locator, Page } from '@playwright/test';

/** The visual-evidence parts of the workspace: OCR in the detail pane, the word overlay, similar pictures, look-alikes. */
export class VisualPanel {
  readonly detail: Locator;
  readonly ocrSection: Locator;
  readonly ocrRun: Locator;
  readonly ocrStatus: Locator;
  readonly ocrText: Locator;
  readonly overlay: Locator;
  readonly overlayWords: Locator;
  readonly suggestions: Locator;
  readonly similarFind: Locator;
  readonly similarItems: Locator;
  readonly clustersTab: Locator;
  readonly clusters: Locator;
  readonly watchlistTab: Locator;

  constructor(readonly page: Page) {
    this.detail = page.getByTestId('artifact-detail');
    this.ocrSection = this.detail.getByTestId('detail-ocr');
    this.ocrRun = this.ocrSection.getByTestId('ocr-run');
    this.ocrStatus = this.ocrSection.getByTestId('ocr-status');
    this.ocrText = this.ocrSection.getByTestId('ocr-text');
    this.overlay = this.detail.getByTestId('detail-preview').getByTestId('ocr-overlay');
    this.overlayWords = this.overlay.getByTestId('ocr-word');
    this.suggestions = this.detail.getByTestId('suggestion');
    this.similarFind = this.detail.getByTestId('similar-find');
    this.similarItems = this.detail.getByTestId('similar-item');
    this.clustersTab = page.getByRole('tab', { name: 'Look-alikes' });
    this.clusters = page.getByTestId('clusters-view').getByTestId('cluster');
    this.watchlistTab = page.getByRole('tab', { name: 'Watchlist' });
  }

  /** The count of open suggestions in one production's row of the watchlist view. */
  suggestedCount(productionId: string): Locator {
    return this.page.locator(`[data-testid="production-row"][data-id="${productionId}"] td.num`).first();
  }

  /** The reference images of one production's row in the watchlist view. */
  references(productionId: string): Locator {
    return this.page.locator(`[data-testid="production-row"][data-id="${productionId}"]`).getByTestId('reference-images');
  }

  suggestionFor(productionId: string): Locator {
    return this.detail.locator(`[data-testid="suggestion"][data-production="${productionId}"]`);
  }
}
