import { ALL_EVIDENCE_SETS } from '../fixtures/evidence';
import { cjkExifJpeg } from '../../electron/test-support/generate/images';
import { cjkEvidencePdf } from '../../electron/test-support/generate/pdfs';
import { combinedLog } from '../../electron/test-support/generate/logs';
import { keepScreenshot } from '../fixtures/screenshots';
import { expect, test } from '../fixtures/test';

test.use({ evidenceSets: [...ALL_EVIDENCE_SETS] });

test('metadata, access-log clients and search results show what the generators put in', async ({
  startPage,
  workspacePage,
  caseDir,
  evidence,
}, testInfo) => {
  expect(evidence.files.length).toBeGreaterThan(100);
  await startPage.waitReady();
  await startPage.createCase({ dir: caseDir, name: 'Detail views', examiner: 'E2E' });
  await workspacePage.waitOpen('Detail views');
  await workspacePage.addEvidence(evidence.dir);
  expect(await workspacePage.waitForIngestEnd()).toBe('Done');

  const image = cjkExifJpeg();
  await workspacePage.openArtifact(image.name);
  await expect(workspacePage.previewFigure).toHaveAttribute('data-origin', 'original');
  await expect.poll(() => workspacePage.previewNaturalWidth()).toBeGreaterThan(0);
  await keepScreenshot(workspacePage.page, testInfo, 'workspace-preview-jpeg');
  for (const [key, value] of Object.entries(image.expected.tags)) {
    const [group, tag] = key.split(':') as [string, string];
    // Legacy-encoded CJK strings are the point here; numbers and lists have their own formatting.
    if (typeof value !== 'string' || !group.startsWith('IFD0')) continue;
    await expect.soft(workspacePage.metadataText(group, tag), key).toHaveText(value);
  }
  await expect(workspacePage.metadataEncoding('IFD0', 'ImageDescription')).toContainText(
    new RegExp(`decoded from (${image.expected.encodings['IFD0:ImageDescription']?.join('|')})`),
  );
  await workspacePage.scrollDetailTo(workspacePage.section('metadata'));
  await keepScreenshot(workspacePage.page, testInfo, 'workspace-metadata');
  // The photo's titles, artist and comments are Korean and Chinese; its tag names, document ids and camera model are
  // not anybody's language and must not make its metadata read as English.
  const metadataLanguage = workspacePage.section('language').locator('[data-testid="language-field"][data-field="metadata"]');
  await expect(metadataLanguage.getByTestId('language-label')).toHaveText('Korean');
  await workspacePage.scrollDetailTo(workspacePage.section('language'));
  await keepScreenshot(workspacePage.page, testInfo, 'workspace-language');

  const pdf = cjkEvidencePdf();
  await workspacePage.openArtifact(`pdfs/${pdf.name}`);
  await expect(workspacePage.previewFigure).toHaveAttribute('data-origin', 'rendered-page', { timeout: 30_000 });
  await expect.poll(() => workspacePage.previewNaturalWidth()).toBeGreaterThan(0);
  await keepScreenshot(workspacePage.page, testInfo, 'workspace-preview-pdf');
  await expect(workspacePage.textPages).toHaveCount(pdf.expected.pageCount);
  for (const [i, strings] of pdf.expected.pageText.entries()) {
    for (const s of strings) await expect.soft(workspacePage.textPage(i + 1), `page ${i + 1}`).toContainText(s);
  }
  await workspacePage.scrollDetailTo(workspacePage.section('text'));
  await keepScreenshot(workspacePage.page, testInfo, 'workspace-pdf-text');

  await workspacePage.openArtifact('notes/readme.txt');
  await expect(workspacePage.previewNone).toContainText('No preview');
  await expect(workspacePage.previewNone).toContainText('text/plain');

  const log = combinedLog();
  await workspacePage.openArtifact(log.name);
  await workspacePage.scrollDetailTo(workspacePage.section('log'));
  for (const [ip, client] of Object.entries(log.expected.clients ?? {})) {
    await expect.soft(workspacePage.logClientRequests(ip), `${ip} requests`).toHaveText(String(client.requests));
    if (client.country) await expect.soft(workspacePage.logClientCountry(ip), `${ip} country`).toHaveText(client.country);
  }
  await keepScreenshot(workspacePage.page, testInfo, 'workspace-access-log');

  await workspacePage.search('原画修型');
  await expect(workspacePage.searchHits.filter({ hasText: image.name }).first()).toBeVisible();
  await keepScreenshot(workspacePage.page, testInfo, 'workspace-search');
  await workspacePage.searchHits.filter({ hasText: image.name }).first().click();
  await expect(workspacePage.detailPath).toHaveText(image.name);
});
