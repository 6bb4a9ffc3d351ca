import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderTextImage } from '../../electron/test-support/generate/visual';
import { keepScreenshot } from '../fixtures/screenshots';
import { expect, test } from '../fixtures/test';
import { VisualPanel } from '../pages/visual-panel';

test.use({ evidenceSets: ['base'] });

const SCAN = 'scans/sheet-0412.png';

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
