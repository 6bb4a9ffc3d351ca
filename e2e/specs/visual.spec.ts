import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { renderTextImage } from '../../electron/test-support/generate/visual';
import { keepScreenshot } from '../fixtures/screenshots';
import { expect, test } from '../fixtures/test';
import { VisualPanel } from '../pages/visual-panel';

test.use({ evidenceSets: ['base'] });

const SCAN = 'scans/sheet-0412.png';
const COPY = 'scans/sheet-0412-small.jpg';

test('OCR of a generated scan holding 인빈서블: its text, the word boxes on the preview and the watchlist suggestion', async ({
  startPage,
  workspacePage: ws,
  caseDir,
  evidence,
}, testInfo) => {
  const visual = new VisualPanel(ws.page);
  // A printed note at 300 dpi whose file name says nothing of the production: only its pixels do.
  await mkdir(path.join(evidence.dir, 'scans'));
  await writeFile(
    path.join(evidence.dir, SCAN),
    renderTextImage(['인빈서블 배경 색상 조정', 'Episode 12 background notes'], { lang: 'ko' }),
  );

  await startPage.waitReady();
  await startPage.createCase({ dir: caseDir, name: 'Visual', examiner: 'E2E' });
  await ws.waitOpen('Visual');
  await ws.addEvidence(evidence.dir);
  expect(await ws.waitForIngestEnd()).toBe('Done');
  await ws.openArtifact(SCAN);
  await expect(visual.suggestionFor('invincible')).toHaveCount(0);

  await visual.ocrRun.click();
  await expect(visual.ocrStatus).toHaveText(/OCR done: 1 of 1/, { timeout: 90_000 });
  await expect(visual.ocrText).toContainText('인빈서블');
  await expect(visual.overlayWords.first()).toBeVisible();
  expect(await visual.overlayWords.count()).toBeGreaterThanOrEqual(4);
  await expect(visual.suggestionFor('invincible')).toBeVisible();
  await expect(visual.suggestionFor('invincible').getByTestId('suggestion-field').first()).toHaveText(/ocr/);
  await visual.ocrSection.scrollIntoViewIfNeeded();
  await keepScreenshot(ws.page, testInfo, 'visual-ocr');
  await visual.overlay.scrollIntoViewIfNeeded();
  await keepScreenshot(ws.page, testInfo, 'visual-ocr-overlay');
});

test('similar pictures, near-duplicate groups and a reference image that makes its copy a look-alike suggestion', async ({
  startPage,
  workspacePage: ws,
  caseDir,
  evidence,
}, testInfo) => {
  const visual = new VisualPanel(ws.page);
  await mkdir(path.join(evidence.dir, 'scans'));
  const scan = renderTextImage(['Episode 12 background notes', 'Please redraw the turnaround']);
  await writeFile(path.join(evidence.dir, SCAN), scan);
  // The same sheet re-saved at about half size as a JPEG: a near-duplicate.
  await writeFile(path.join(evidence.dir, COPY), await sharp(scan).resize({ width: 400 }).jpeg({ quality: 70 }).toBuffer());

  await startPage.waitReady();
  await startPage.createCase({ dir: caseDir, name: 'Look-alikes', examiner: 'E2E' });
  await ws.waitOpen('Look-alikes');
  await ws.addEvidence(evidence.dir);
  expect(await ws.waitForIngestEnd()).toBe('Done');
  await ws.openArtifact(SCAN);
  await visual.similarFind.click();
  await expect(visual.similarItems.first()).toContainText(COPY, { timeout: 30_000 });

  await visual.clustersTab.click();
  await expect(visual.clusters).toHaveCount(1);
  await expect(visual.clusters.first()).toContainText(SCAN);
  await expect(visual.clusters.first()).toContainText(COPY);
  await keepScreenshot(ws.page, testInfo, 'visual-clusters');

  await visual.watchlistTab.click();
  const references = visual.references('invincible');
  await references.getByTestId('reference-add').click();
  await expect(references.getByTestId('reference-item')).toContainText('1 look-alike');
  await expect(visual.suggestedCount('invincible')).toHaveText('1');
  await keepScreenshot(ws.page, testInfo, 'visual-references');

  await ws.artifactsTab.click();
  await ws.openArtifact(COPY);
  await expect(visual.suggestionFor('invincible')).toBeVisible();
  await expect(visual.suggestionFor('invincible').getByTestId('suggestion-field').first()).toHaveText(/image/);
  // The evidence to judge it by: the reference sheet and this copy side by side, with how alike they are.
  const lookAlike = visual.suggestionFor('invincible').getByTestId('look-alike');
  await expect(lookAlike.getByTestId('look-alike-reference')).toBeVisible();
  await expect(lookAlike.getByTestId('look-alike-artifact')).toBeVisible();
  for (const picture of [lookAlike.getByTestId('look-alike-reference'), lookAlike.getByTestId('look-alike-artifact')])
    expect(await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(lookAlike.getByTestId('look-alike-score')).toHaveText(/^\d+%$/);
  await expect(lookAlike).toContainText('sheet-0412.png');
  // Centred, not merely in view: the screenshot is to show the whole card with its reason.
  await lookAlike.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await keepScreenshot(ws.page, testInfo, 'visual-look-alike');
});
