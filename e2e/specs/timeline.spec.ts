import { ALL_EVIDENCE_SETS } from '../fixtures/evidence';
import { cjkExifJpeg } from '../../electron/test-support/generate/images';
import { combinedLog } from '../../electron/test-support/generate/logs';
import { keepScreenshot } from '../fixtures/screenshots';
import { expect, test } from '../fixtures/test';

test.use({ evidenceSets: [...ALL_EVIDENCE_SETS] });

test('the timeline lists EXIF dates with their offset and access-log requests, and opens their artifacts', async ({
  startPage,
  workspacePage,
  caseDir,
  evidence,
}, testInfo) => {
  await startPage.waitReady();
  await startPage.createCase({ dir: caseDir, name: 'Timeline', examiner: 'E2E' });
  await workspacePage.waitOpen('Timeline');
  await workspacePage.addEvidence(evidence.dir);
  expect(await workspacePage.waitForIngestEnd()).toBe('Done');

  await workspacePage.openTimeline();
  await expect(workspacePage.timelineScope).toHaveText('All artifacts');
  await expect(workspacePage.timelineCount).toContainText('events');
  await keepScreenshot(workspacePage.page, testInfo, 'timeline-all');

  // The photo was taken at 14:22:05 in Seoul (+09:00), and the log's 23rd request came at 14:22 server time (+0900).
  await workspacePage.setTimelineRange('2024-03-15T05:22', '2024-03-15T05:22');
  const image = cjkExifJpeg();
  const log = combinedLog();
  const photo = workspacePage.timelineEvent('ExifIFD:DateTimeOriginal', image.name);
  await expect(photo).toHaveCount(1);
  await expect(workspacePage.timelineTime(photo)).toHaveText('2024-03-15 05:22:05');
  await expect(workspacePage.timelineRecorded(photo)).toHaveText('2024-03-15 14:22:05 +09:00');
  const request = workspacePage.timelineEvent('AccessLog:Request', log.name);
  await expect(request).toHaveCount(1);
  await expect(workspacePage.timelineRecorded(request)).toHaveText('2024-03-15 14:22:00 +09:00');
  const rows = await workspacePage.timelineData();
  expect(rows.map((r) => r.time)).toEqual([...rows.map((r) => r.time)].sort());
  await keepScreenshot(workspacePage.page, testInfo, 'timeline-range');

  await workspacePage.openTimelineEvent('AccessLog:Request', log.name);
  await workspacePage.pressInTimeline('Home');
  await expect(workspacePage.detailPath).toHaveText(rows[0]?.path ?? '');

  // Wall-clock values are never re-zoned: IFD0 ModifyDate was written with no offset and says so.
  await workspacePage.setTimelineRange('2024-03-16T08:00', '2024-03-16T08:00');
  const modified = workspacePage.timelineEvent('IFD0:ModifyDate', image.name);
  await expect(workspacePage.timelineTime(modified)).toHaveText('2024-03-16 08:00:00no offset');

  await workspacePage.openTimelineEvent('IFD0:ModifyDate', image.name);
  await workspacePage.timelinePin.click();
  await expect(workspacePage.timelineScope).toHaveText(image.name);
  await workspacePage.setTimelineRange('', '');
  await expect.poll(async () => new Set((await workspacePage.timelineData()).map((r) => r.path))).toEqual(new Set([image.name]));
  await keepScreenshot(workspacePage.page, testInfo, 'timeline-artifact');
});
