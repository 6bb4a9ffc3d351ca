import { REVIEW } from '../fixtures/evidence';
import { keepScreenshot } from '../fixtures/screenshots';
import { expect, test } from '../fixtures/test';
import { ReviewPanel } from '../pages/review-panel';

test.use({ evidenceSets: ['review'] });

test('tag, label, star, note and undo with the keyboard alone', async ({ startPage, workspacePage: ws, caseDir, evidence }, testInfo) => {
  const review = new ReviewPanel(ws.page);
  await startPage.waitReady();
  await startPage.createCase({ dir: caseDir, name: 'Keyboard', examiner: 'Analyst K' });
  await ws.waitOpen('Keyboard');
  await ws.addEvidence(evidence.dir);
  expect(await ws.waitForIngestEnd()).toBe('Done');
  await expect(ws.row(REVIEW.koreanNote)).toBeVisible();
  const [first, second] = await ws.renderedRows();

  // j and k walk the table.
  await review.press('j');
  await review.press('j');
  await expect(ws.detailPath).toHaveText(second?.path ?? '');
  await review.press('k');
  await expect(ws.detailPath).toHaveText(first?.path ?? '');

  // / searches; the arrows walk the hits, Enter keeps one, Esc leaves the box.
  await review.press('/');
  await expect(ws.searchInput).toBeFocused();
  await review.type('인빈서블');
  await review.press('Enter');
  await expect(ws.searchHits.first()).toBeVisible();
  await review.press('ArrowDown');
  await expect(ws.detailPath).toHaveText(REVIEW.koreanNote);
  await review.press('Enter');
  await expect(ws.searchHits).toHaveCount(0);
  await review.press('Escape');
  await expect(ws.searchInput).not.toBeFocused();

  // t: find the production by typing, Enter tags.
  await review.press('t');
  await expect(review.tagDialog).toBeVisible();
  await review.type('invincible');
  await review.press('Enter');
  await expect(review.tag('invincible')).toHaveAttribute('data-status', 'suspected');

  // l: a new label's name, Enter creates and applies it.
  await review.press('l');
  await expect(review.labelDialog).toBeVisible();
  await review.type('checked by keyboard');
  await review.press('Enter');
  await expect(review.label('checked by keyboard')).toBeVisible();

  // s stars.
  await review.press('s');
  await expect(review.star).toHaveAttribute('aria-pressed', 'true');

  // n writes a note; Ctrl+Enter saves it.
  await review.press('n');
  await expect(review.noteDialog).toBeVisible();
  await review.type('Title of the show in Korean: *인빈서블*');
  await review.press('Control+Enter');
  await expect(review.noteBody()).toContainText('Title of the show in Korean: 인빈서블');
  await keepScreenshot(ws.page, testInfo, 'review-keyboard');

  // u undoes the note, and says so.
  await review.press('u');
  await expect(review.toast(/Undid: wrote a note on artifact \d+/)).toBeVisible();
  await expect(review.notes).toHaveCount(0);
  await expect(review.star).toHaveAttribute('aria-pressed', 'true');
  await expect(ws.row(REVIEW.koreanNote)).toHaveAttribute('data-starred', 'true');

  // ? shows every shortcut; Esc closes the sheet.
  await review.press('?');
  await expect(review.shortcutSheet).toBeVisible();
  await review.press('Escape');
  await expect(review.shortcutSheet).toHaveCount(0);
});
