import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The review side of the workspace: the detail pane's attribution, notes, labels, star and regions, the tag, label and
 * note dialogs, bulk actions on a multi-selection, undo, filters and saved searches.
 */
export class ReviewPanel {
  readonly detail: Locator;
  readonly star: Locator;
  readonly tags: Locator;
  readonly suggestions: Locator;
  readonly notes: Locator;
  readonly labels: Locator;
  readonly annotations: Locator;
  readonly previewRegions: Locator;
  readonly addTag: Locator;
  readonly tagDialog: Locator;
  readonly tagQuery: Locator;
  readonly tagSubmit: Locator;
  readonly labelDialog: Locator;
  readonly labelQuery: Locator;
  readonly noteDialog: Locator;
  readonly noteInput: Locator;
  readonly noteSave: Locator;
  readonly selectionBar: Locator;
  readonly selectionCount: Locator;
  readonly undoButton: Locator;
  readonly toasts: Locator;
  readonly translationPairs: Locator;
  readonly shortcutSheet: Locator;
  readonly filterToggle: Locator;
  readonly filterChips: Locator;
  readonly savedSearches: Locator;
  readonly caseTab: Locator;
  readonly caseDescription: Locator;
  readonly auditTab: Locator;
  readonly auditVerify: Locator;
  readonly auditVerification: Locator;
  readonly auditEvents: Locator;

  constructor(readonly page: Page) {
    this.detail = page.getByTestId('artifact-detail');
    this.star = this.detail.getByTestId('star-toggle');
    this.tags = this.detail.getByTestId('tag-item');
    this.suggestions = this.detail.getByTestId('suggestion');
    this.notes = this.detail.getByTestId('note');
    this.labels = this.detail.getByTestId('detail-labels').getByTestId('label-chip');
    this.annotations = this.detail.getByTestId('annotation');
    this.previewRegions = this.detail.getByTestId('detail-preview').getByTestId('region');
    this.addTag = this.detail.getByTestId('add-tag');
    this.tagDialog = page.getByTestId('tag-dialog');
    this.tagQuery = page.getByTestId('tag-production-query');
    this.tagSubmit = page.getByTestId('tag-submit');
    this.labelDialog = page.getByTestId('label-dialog');
    this.labelQuery = page.getByTestId('label-query');
    this.noteDialog = page.getByTestId('note-dialog');
    this.noteInput = page.getByTestId('note-dialog').getByTestId('note-input');
    this.noteSave = page.getByTestId('note-dialog').getByTestId('note-save');
    this.selectionBar = page.getByTestId('selection-bar');
    this.selectionCount = page.getByTestId('selection-count');
    this.undoButton = page.getByTestId('undo');
    this.toasts = page.getByTestId('toast');
    this.translationPairs = this.detail.getByTestId('translation-pair');
    this.shortcutSheet = page.getByTestId('shortcut-sheet');
    this.filterToggle = page.getByTestId('toggle-filters');
    this.filterChips = page.getByTestId('filter-chip');
    this.savedSearches = page.getByTestId('saved-search');
    this.caseTab = page.getByRole('tab', { name: 'Case' });
    this.caseDescription = page.getByTestId('case-description');
    this.auditTab = page.getByRole('tab', { name: 'Audit' });
    this.auditVerify = page.getByTestId('audit-verify');
    this.auditVerification = page.getByTestId('audit-verification');
    this.auditEvents = page.getByTestId('audit-event');
  }

  /** A key press wherever the focus is (shortcuts act outside text fields). */
  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  tag(productionId: string): Locator {
    return this.tags.and(this.page.locator(`[data-production="${productionId}"]`));
  }

  suggestion(productionId: string): Locator {
    return this.suggestions.and(this.page.locator(`[data-production="${productionId}"]`));
  }

  /** The marked part of a suggestion's snippets: the alias as the evidence wrote it. */
  suggestionMarks(productionId: string): Locator {
    return this.suggestion(productionId).getByTestId('snippet').locator('mark');
  }

  suggestionReasons(productionId: string): Locator {
    return this.suggestion(productionId).getByTestId('suggestion-reason');
  }

  async acceptSuggestion(productionId: string): Promise<void> {
    await this.suggestion(productionId).getByTestId('suggestion-accept').click();
    await expect(this.tag(productionId)).toBeVisible();
  }

  /** Tags the selection through the tag dialog: finds the production by typing, Enter tags. */
  async tagWithDialog(production: string, status?: 'Suspected' | 'Confirmed' | 'Ruled out'): Promise<void> {
    await expect(this.tagDialog).toBeVisible();
    await this.tagQuery.fill(production);
    if (status) await this.tagDialog.getByText(status, { exact: true }).click();
    if (status) await expect(this.tagDialog.getByRole('radio', { name: status })).toBeChecked();
    await this.tagSubmit.click();
    await expect(this.tagDialog).toHaveCount(0);
  }

  /** Creates a label (or picks one by its exact name) in the label dialog and applies it. */
  async labelWithDialog(name: string): Promise<void> {
    await expect(this.labelDialog).toBeVisible();
    await this.labelQuery.fill(name);
    await this.labelQuery.press('Enter');
    await expect(this.labelDialog).toHaveCount(0);
  }

  label(name: string): Locator {
    return this.labels.and(this.page.locator(`[data-label="${name}"]`));
  }

  async writeNote(markdown: string): Promise<void> {
    const editor = this.detail.getByTestId('detail-notes').getByTestId('note-editor').last();
    await this.detail
      .getByTestId('detail-notes')
      .locator('summary')
      .evaluate((el) => {
        const details = el.parentElement;
        if (details instanceof HTMLDetailsElement) details.open = true;
      });
    await editor.getByTestId('note-input').fill(markdown);
    await editor.getByTestId('note-save').click();
  }

  noteBody(index = 0): Locator {
    return this.notes.nth(index).getByTestId('note-body');
  }

  async undo(): Promise<void> {
    await this.undoButton.click();
  }

  toast(text: string | RegExp): Locator {
    return this.toasts.filter({ hasText: text });
  }

  async openFilters(): Promise<void> {
    if ((await this.filterToggle.getAttribute('aria-expanded')) !== 'true') await this.filterToggle.click();
  }

  /** Picks a value in one of the filter panel's selects, by its visible label. */
  async filterBy(
    testId: 'filter-production' | 'filter-label' | 'filter-language' | 'filter-starred' | 'filter-type',
    option: string,
  ): Promise<void> {
    await this.openFilters();
    await this.page.getByTestId(testId).selectOption({ label: option });
  }

  async clearFilters(): Promise<void> {
    await this.page.getByTestId('filter-chips').getByRole('button', { name: 'Clear all' }).click();
    await expect(this.filterChips).toHaveCount(0);
  }

  /** One side of a translation pair: the Chinese text (left) or the Korean one (right). */
  pairSide(lang: 'zh' | 'ko'): Locator {
    return this.translationPairs.first().getByTestId(`pair-${lang}`);
  }

  /** Links in the first note: shown as buttons that ask before opening, never as anchors with an address. */
  noteLinks(index = 0): Locator {
    return this.noteBody(index).getByRole('button');
  }

  /** Opens the Case tab, which shows the description given at creation and the case notes. */
  async openCaseTab(): Promise<void> {
    await this.caseTab.click();
    await expect(this.caseDescription).toBeVisible();
  }

  async openAudit(): Promise<void> {
    await this.auditTab.click();
    await expect(this.auditEvents.first()).toBeVisible();
  }
}
