import { expect, type Locator, type Page } from '@playwright/test';

/** The full-size viewer: zoom, PDF pages, drawing a region and saving it with a note. */
export class ViewerPage {
  readonly root: Locator;
  readonly picture: Locator;
  readonly image: Locator;
  readonly pageLabel: Locator;
  readonly next: Locator;
  readonly zoomIn: Locator;
  readonly zoomLabel: Locator;
  readonly draw: Locator;
  readonly form: Locator;
  readonly note: Locator;
  readonly save: Locator;
  readonly regions: Locator;
  readonly regionList: Locator;
  readonly textLayer: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('viewer');
    this.picture = page.getByTestId('viewer-picture');
    this.image = page.getByTestId('viewer-image');
    this.pageLabel = page.getByTestId('viewer-page');
    this.next = page.getByTestId('viewer-next');
    this.zoomIn = page.getByTestId('viewer-zoom-in');
    this.zoomLabel = page.getByTestId('viewer-zoom');
    this.draw = page.getByTestId('viewer-draw');
    this.form = page.getByTestId('annotation-form');
    this.note = page.getByTestId('annotation-note');
    this.save = page.getByTestId('annotation-save');
    this.regions = this.picture.getByTestId('region');
    this.regionList = page.getByTestId('viewer-region');
    this.textLayer = page.getByTestId('text-layer');
  }

  /** Opens the viewer from the detail pane's preview and waits for the picture to be decoded. */
  async open(): Promise<void> {
    await this.page.getByTestId('detail-preview').getByTestId('open-viewer').click();
    await expect(this.root).toBeVisible();
    await expect
      .poll(() => this.image.evaluate((img) => (img instanceof HTMLImageElement && img.complete ? img.naturalWidth : 0)))
      .toBeGreaterThan(0);
  }

  async nextPage(): Promise<void> {
    await this.next.click();
    await expect(this.picture).toHaveAttribute('data-page', String(Number((await this.picture.getAttribute('data-page')) ?? '1') + 1));
  }

  /** Draws a region by dragging between two points given as fractions of the picture, then saves it with a note. */
  async drawRegion(from: [number, number], to: [number, number], note: string): Promise<void> {
    await this.draw.click();
    const box = await this.picture.boundingBox();
    if (!box) throw new Error('the viewer shows no picture');
    await this.page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width * ((from[0] + to[0]) / 2), box.y + box.height * ((from[1] + to[1]) / 2), { steps: 4 });
    await this.page.mouse.move(box.x + box.width * to[0], box.y + box.height * to[1], { steps: 4 });
    await this.page.mouse.up();
    await expect(this.form).toBeVisible();
    await this.note.fill(note);
    await this.save.click();
    await expect(this.form).toHaveCount(0);
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.root).toHaveCount(0);
  }
}
