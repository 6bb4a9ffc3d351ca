import { keepScreenshot } from '../fixtures/screenshots';
import { expect, test } from '../fixtures/test';

test.use({ evidenceSets: ['base', 'images'] });

test('re-running extraction on a source starts a job that finishes in the ingest panel', async ({
  startPage,
  workspacePage,
  caseDir,
  evidence,
}, testInfo) => {
  await startPage.waitReady();
  await startPage.createCase({ dir: caseDir, name: 'Re-extract', examiner: 'E2E' });
  await workspacePage.waitOpen('Re-extract');
  await workspacePage.addEvidence(evidence.dir);
  expect(await workspacePage.waitForIngestEnd()).toBe('Done');
  const firstJob = await workspacePage.currentJobId();

  await workspacePage.requestRerun('evidence', 'everything');
  await expect(workspacePage.rerunQuestion).toContainText('Drop every extraction of evidence');
  await keepScreenshot(workspacePage.page, testInfo, 're-extract-confirm');
  await workspacePage.confirmRerun();

  expect(await workspacePage.waitForNextJobEnd(firstJob)).toBe('Done');
  await expect(workspacePage.rerunButton('evidence')).toBeEnabled();
  await keepScreenshot(workspacePage.page, testInfo, 're-extract-done');

  const secondJob = await workspacePage.currentJobId();
  await workspacePage.rerunExtraction('evidence', 'outdated');
  expect(await workspacePage.waitForNextJobEnd(secondJob)).toBe('Done');

  // The extractions are back: metadata of a photo reads as before.
  await workspacePage.openArtifact('images/exif-cjk.jpg');
  await expect(workspacePage.metadataValue('IFD0', 'Make')).toContainText('Canon');
});
