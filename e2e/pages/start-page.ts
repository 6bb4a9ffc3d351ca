import { expect, type Locator, type Page } from '@playwright/test';

export interface NewCaseInput {
  dir: string;
  name: string;
  examiner: string;
  description?: string;
}

/** The start screen: create a case, open one by path, recent cases. */
export class StartPage {
  readonly root: Locator;
  readonly appRoot: Locator;
  readonly createForm: Locator;
  readonly createDir: Locator;
  readonly createName: Locator;
  readonly createExaminer: Locator;
  readonly createDescription: Locator;
  readonly createSubmit: Locator;
  readonly createError: Locator;
  readonly openDir: Locator;
  readonly openSubmit: Locator;
  readonly openError: Locator;
  /** Offered with an open error that says the case needs an upgrade. */
  readonly openUpgrade: Locator;
  readonly recentCases: Locator;
  readonly recentEmpty: Locator;
  readonly statusHost: Locator;
  readonly examinerDialog: Locator;
  readonly examinerInput: Locator;
  readonly examinerConfirm: Locator;

  constructor(readonly page: Page) {
    this.appRoot = page.getByTestId('app-root');
    this.root = page.getByTestId('start-screen');
    this.createForm = page.getByTestId('create-case-form');
    this.createDir = page.getByTestId('create-case-dir');
    this.createName = page.getByTestId('create-case-name');
    this.createExaminer = page.getByTestId('create-case-examiner');
    this.createDescription = page.getByTestId('create-case-description');
    this.createSubmit = page.getByTestId('create-case-submit');
    this.createError = page.getByTestId('create-case-error');
    this.openDir = page.getByTestId('open-case-dir');
    this.openSubmit = page.getByTestId('open-case-submit');
    this.openError = page.getByTestId('open-case-error');
    this.openUpgrade = page.getByTestId('open-case-upgrade');
    this.recentCases = page.getByTestId('recent-case');
    this.recentEmpty = page.getByTestId('recent-cases-empty');
    this.statusHost = page.getByTestId('status-host');
    this.examinerDialog = page.getByRole('dialog').filter({ has: page.getByTestId('examiner-input') });
    this.examinerInput = page.getByTestId('examiner-input');
    this.examinerConfirm = page.getByTestId('examiner-confirm');
  }

  /** Waits for the app's first data (host facts and recent cases), never a fixed delay. */
  async waitReady(): Promise<void> {
    await expect(this.page.locator('[data-app-state="ready"]')).toBeVisible({ timeout: 20_000 });
    await expect(this.root).toBeVisible();
  }

  async fillNewCase(input: NewCaseInput): Promise<void> {
    await this.createDir.fill(input.dir);
    await this.createName.fill(input.name);
    await this.createExaminer.fill(input.examiner);
    if (input.description !== undefined) await this.createDescription.fill(input.description);
  }

  async createCase(input: NewCaseInput): Promise<void> {
    await this.fillNewCase(input);
    await this.createSubmit.click();
  }

  async openCase(dir: string): Promise<void> {
    await this.openDir.fill(dir);
    await this.openSubmit.click();
  }

  recentCase(name: string): Locator {
    return this.recentCases.filter({ hasText: name });
  }

  /** Opens a recent case and, asked who is working, keeps the examiner offered (or types another). */
  async openRecent(name: string, examiner?: string): Promise<void> {
    await this.recentCase(name).getByTestId('recent-case-open').click();
    await this.confirmExaminer(examiner);
  }

  async confirmExaminer(examiner?: string): Promise<void> {
    await expect(this.examinerDialog).toBeVisible();
    if (examiner !== undefined) await this.examinerInput.fill(examiner);
    await this.examinerConfirm.click();
    await expect(this.examinerDialog).toHaveCount(0);
  }

  /** The inline validation message in the same `.field` block as the given input. */
  fieldError(field: Locator): Locator {
    return this.page.locator('.field').filter({ has: field }).locator('.field__error');
  }

  /** Loads the app afresh at its start screen: its address without a case view (a plain reload reopens the case). */
  async reload(): Promise<void> {
    const url = new URL(this.page.url());
    url.hash = '';
    await this.page.goto(url.href);
    await this.waitReady();
  }
}
