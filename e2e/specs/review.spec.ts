import { REVIEW } from '../fixtures/evidence';
import { keepScreenshot } from '../fixtures/screenshots';
import { expect, test } from '../fixtures/test';
import { ReviewPanel } from '../pages/review-panel';
import { ViewerPage } from '../pages/viewer-page';

test.use({ evidenceSets: ['review'] });

test('search CJK, mark regions, tag, accept, label, star, note, undo, reload and filter', async ({
  startPage,
  workspacePage: ws,
  caseDir,
  evidence,
}, testInfo) => {
  const review = new ReviewPanel(ws.page);
  const viewer = new ViewerPage(ws.page);
  await startPage.waitReady();
  await startPage.createCase({
    dir: caseDir,
    name: 'Review 인빈서블',
    examiner: '김철수',
    description: 'Exposed server export, received 2024-03-20.',
  });
  await ws.waitOpen('Review 인빈서블');
  await expect(ws.caseExaminer).toHaveText('김철수');
  await review.openCaseTab();
  await expect(review.caseDescription).toHaveText('Exposed server export, received 2024-03-20.');
  await ws.artifactsTab.click();
  await ws.addEvidence(evidence.dir);
  expect(await ws.waitForIngestEnd()).toBe('Done');

  // One readable type per row, member names whole, zone-less zip times marked and explained.
  await expect(ws.rowType(REVIEW.sheet)).toHaveText('PDF document');
  await expect(ws.rowType(REVIEW.image)).toHaveText('PNG image');
  await expect(ws.rowName(REVIEW.zipMember)).toHaveText('cut_012_layout.png');
  await expect(ws.rowZoneless(REVIEW.zipMember)).toHaveAttribute('title', /as if it were UTC/);

  // A two-character Korean word and a one-character Chinese one, each marked where it matched.
  await ws.search('원화');
  await expect(ws.searchHitMarks(REVIEW.koreanNote).first()).toHaveText('원화');
  await ws.searchHits.filter({ hasText: REVIEW.koreanNote }).click();
  await expect(ws.detailPath).toHaveText(REVIEW.koreanNote);
  await expect(ws.textHits.first()).toHaveText('원화');
  await ws.search('畫');
  await expect(ws.searchHitMarks(REVIEW.chineseNote).first()).toHaveText('畫');
  // The simplified form finds the note written in traditional characters, and marks it as written.
  await ws.search('原画');
  await expect(ws.searchHitMarks(REVIEW.chineseNote).first()).toHaveText('原畫');
  await ws.searchHits.filter({ hasText: REVIEW.chineseNote }).click();
  await expect(ws.detailPath).toHaveText(REVIEW.chineseNote);
  await expect(ws.textHits.first()).toHaveText('原畫');
  await expect(ws.table).toHaveAttribute('data-total', '1');
  await ws.clearSearch();

  // A PDF page and an image in the viewer, each with a region drawn and noted.
  await ws.openArtifact(REVIEW.sheet);
  await viewer.open();
  await expect(viewer.pageLabel).toHaveText('Page 1 of 2');
  await expect(viewer.textLayer).toContainText('INVINCIBLE S02 EP12 EDITING SHEET');
  await viewer.nextPage();
  await expect(viewer.pageLabel).toHaveText('Page 2 of 2');
  await viewer.drawRegion([0.1, 0.08], [0.7, 0.16], 'Retake list for cuts 10-14');
  await expect(viewer.regions).toHaveCount(1);
  await expect(viewer.regionList).toHaveText([/Retake list/]);
  await keepScreenshot(ws.page, testInfo, 'review-viewer-pdf-1440');
  await viewer.close();
  await expect(review.annotations).toHaveCount(1);

  await ws.openArtifact(REVIEW.image);
  await viewer.open();
  await viewer.zoomIn.click();
  await viewer.drawRegion([0.2, 0.2], [0.6, 0.55], 'Character face, model sheet pose');
  await expect(viewer.regions).toHaveCount(1);
  await keepScreenshot(ws.page, testInfo, 'review-viewer-1440');
  await viewer.close();
  await expect(review.previewRegions).toHaveCount(1);

  // One artifact tagged by hand; the PDF's suggestion accepted with its evidence.
  await ws.openArtifact(REVIEW.iyanu);
  await review.addTag.click();
  await review.tagWithDialog('Iyanu', 'Confirmed');
  await expect(review.tag('iyanu')).toHaveAttribute('data-status', 'confirmed');
  await ws.openArtifact(REVIEW.sheet);
  await expect(review.suggestionMarks('invincible').first()).toHaveText('INVINCIBLE');
  await expect(review.suggestionReasons('invincible').first()).toContainText('Invincible');
  await review.acceptSuggestion('invincible');

  // Five rows labelled at once: a click, then a shift-click.
  await ws.filter.fill('misc');
  await ws.expectTotal(5);
  await ws.row('misc').click();
  await ws.row('misc/part-d.txt').click({ modifiers: ['Shift'] });
  await expect(review.selectionCount).toHaveText('5 selected');
  await review.selectionBar.getByTestId('bulk-label').click();
  await review.labelWithDialog('needs translation');
  for (const path of ['misc', 'misc/part-a.txt', 'misc/part-b.txt', 'misc/part-c.txt', 'misc/part-d.txt'])
    await expect(ws.row(path)).not.toHaveAttribute('data-labels', '');

  // A star and a note in Markdown, whose raw HTML stays text and whose link only asks.
  await ws.openArtifact(REVIEW.koreanNote);
  await review.star.click();
  await expect(review.star).toHaveAttribute('aria-pressed', 'true');
  await review.writeNote(
    'Names the show: **인빈서블** (Invincible). See [the report](https://example.org/report) <script>alert(1)</script>',
  );
  await expect(review.noteBody()).toContainText('Names the show: 인빈서블 (Invincible).');
  await expect(review.noteBody()).toContainText('<script>alert(1)</script>');
  await expect(review.noteLinks()).toHaveText(['the report']);

  // The last action undone, and the toast says what it was.
  await ws.openArtifact(REVIEW.chineseNote);
  await review.star.click();
  await expect(ws.row(REVIEW.chineseNote)).toHaveAttribute('data-starred', 'true');
  await review.undo();
  await expect(review.toast('Undid: starred 1 artifact')).toBeVisible();
  await expect(ws.row(REVIEW.chineseNote)).toHaveAttribute('data-starred', 'false');

  // The Chinese instruction beside its Korean translation.
  await expect(review.pairSide('zh')).toContainText('要對上。請在3月20日前提交。');
  await expect(review.pairSide('ko')).toContainText('3월 20일까지 제출해 주십시오.');
  await ws.scrollDetailTo(ws.section('translation'));
  await keepScreenshot(ws.page, testInfo, 'review-detail-1440');

  // Everything is committed: a reload shows it all.
  await ws.reload();
  await expect(ws.detailPath).toHaveText(REVIEW.chineseNote);
  await ws.filter.fill('');
  await expect(ws.row(REVIEW.iyanu)).toHaveAttribute('data-tags', 'iyanu:confirmed');
  await expect(ws.row(REVIEW.sheet)).toHaveAttribute('data-tags', 'invincible:suspected');
  await expect(ws.row(REVIEW.koreanNote)).toHaveAttribute('data-starred', 'true');
  await expect(ws.row(REVIEW.koreanNote)).toHaveAttribute('data-notes', '1');
  await expect(ws.row(REVIEW.chineseNote)).toHaveAttribute('data-starred', 'false');
  await ws.openArtifact(REVIEW.sheet);
  await expect(review.annotations).toHaveText([/Retake list/]);
  await ws.openArtifact(REVIEW.image);
  await expect(review.previewRegions).toHaveCount(1);
  await ws.openArtifact(REVIEW.koreanNote);
  await expect(review.noteBody()).toContainText('인빈서블');

  // Filters by production and by label.
  await ws.filter.fill('');
  await review.filterBy('filter-production', 'Invincible');
  await ws.expectTotal(1);
  await expect(ws.row(REVIEW.sheet)).toBeVisible();
  await review.clearFilters();
  await review.filterBy('filter-label', 'needs translation');
  await ws.expectTotal(5);
  await review.clearFilters();
  await review.filterToggle.click();
  await keepScreenshot(ws.page, testInfo, 'review-table-1440');

  // Every change is in the audit trail, whose hash chain holds.
  await review.openAudit();
  await review.auditVerify.click();
  await expect(review.auditVerification).toHaveAttribute('data-ok', 'true');
  await ws.artifactsTab.click();

  // The same screens at the smallest supported window.
  await ws.page.setViewportSize({ width: 1024, height: 700 });
  await expect(ws.closeCaseButton).toBeInViewport();
  await ws.openArtifact(REVIEW.chineseNote);
  await ws.filter.fill('');
  await keepScreenshot(ws.page, testInfo, 'review-table-1024');
  await ws.scrollDetailTo(ws.section('translation'));
  await keepScreenshot(ws.page, testInfo, 'review-detail-1024');
  await ws.openArtifact(REVIEW.sheet);
  await viewer.open();
  await keepScreenshot(ws.page, testInfo, 'review-viewer-1024');
  await viewer.close();
});
