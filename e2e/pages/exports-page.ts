import { expect, type Locator, type Page } from '@playwright/test';

/** The export dialog and the verify view, opened from the case header. */
export class ExportsPage {
  readonly openExport: Locator;
  readonly openVerify: Locator;
  readonly dialog: Locator;
  readonly production: Locator;
  readonly whatProduction: Locator;
  readonly target: Locator;
  readonly originals: Locator;
  readonly submit: Locator;
  readonly result: Locator;
  readonly fingerprint: Locator;
  readonly verifyThis: Locator;
  readonly verifyView: Locator;
  readonly verifyResult: Locator;
  readonly verifyChecks: Locator;

  constructor(readonly page: Page) {
    this.openExport = page.getByTestId('open-export');
    this.openVerify = page.getByTestId('open-verify');
    this.dialog = page.getByTestId('export-dialog');
    this.production = page.getByTestId('export-production');
    this.whatProduction = page.getByTestId('export-what-production');
    this.target = page.getByTestId('export-target');
    this.originals = page.getByTestId('export-originals');
    this.submit = page.getByTestId('export-submit');
    this.result = page.getByTestId('export-result');
    this.fingerprint = page.getByTestId('export-fingerprint');
    this.verifyThis = page.getByTestId('export-verify');
    this.verifyView = page.getByTestId('verify-view');
    this.verifyResult = page.getByTestId('verify-result');
    this.verifyChecks = page.getByTestId('verify-check');
  }

  async exportProduction(productionId: string, target: string, originals: boolean): Promise<void> {
    await this.openExport.click();
    await expect(this.dialog).toBeVisible();
    await this.production.selectOption(productionId);
    await this.target.fill(target);
    if (originals) await this.originals.check();
    await this.submit.click();
    await expect(this.result).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  }
}
