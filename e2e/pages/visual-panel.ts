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
  }

  suggestionFor(productionId: string): Locator {
    return this.detail.locator(`[data-testid="suggestion"][data-production="${productionId}"]`);
  }
}
