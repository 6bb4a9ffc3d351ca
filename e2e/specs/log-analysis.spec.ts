import { webdavLog } from '../../electron/test-support/generate/logs';
import { LogPage } from '../pages/log-page';
import { keepScreenshot } from '../fixtures/screenshots';
import { expect, test } from '../fixtures/test';

test.use({ evidenceSets: ['logs'] });

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

test('the log view shows clients by province, and a click filters the request list and the timeline', async ({
  startPage,
  workspacePage,
  caseDir,
  evidence,
}, testInfo) => {
  const log = webdavLog();
  const logPage = new LogPage(workspacePage.page);
  await startPage.waitReady();
  await startPage.createCase({ dir: caseDir, name: 'Who from where', examiner: 'E2E' });
  await workspacePage.waitOpen('Who from where');
  await workspacePage.addEvidence(evidence.dir);
  expect(await workspacePage.waitForIngestEnd()).toBe('Done');

  await workspacePage.openArtifact(log.name);
  await logPage.waitAnalysed();
  await expect(logPage.totals).toHaveText(
    `${Object.keys(log.expected.clients ?? {}).length} clients · ${log.expected.parsed} requests stored`,
  );
  for (const [place, figures] of Object.entries(log.expected.regions ?? {})) {
    const [country = '', region = ''] = place.split(' · ');
    await expect(logPage.place(country, region)).toHaveText(
      `${place}${count(figures.clients, 'client')} · ${count(figures.requests, 'request')}`,
    );
  }
  await expect(logPage.network(56044)).toContainText('AS56044 China Mobile Communications Corporation');
  const uploads = Object.values(log.expected.uploads ?? {}).length;
  await expect(logPage.uploads).toHaveCount(uploads);
  await logPage.scrollToPlaces();
  await keepScreenshot(workspacePage.page, testInfo, 'log-analysis');

  // Jilin: the request list and the timeline both narrow to the two Jilin clients' requests, pinned to this log.
  const jilin = log.expected.regions?.['CN · Jilin'];
  await logPage.place('CN', 'Jilin').click();
  await expect(workspacePage.timelineTab).toHaveAttribute('aria-selected', 'true');
  await expect(logPage.timelineFilter).toContainText('From CN · Jilin');
  await expect(workspacePage.timelineScope).toHaveText(log.name);
  await expect(logPage.timelineCount).toHaveText(`${jilin?.requests} events`);
  const labels = await logPage.timelineLabels();
  expect(labels.every((l) => / from (36\.49\.8\.8|175\.20\.40\.8) \(CN · Jilin, AS\d+ /.test(l))).toBe(true);
  await expect(logPage.requestCount).toHaveText(`${jilin?.requests} from CN · Jilin`);
  expect(new Set(await logPage.requestIps())).toEqual(new Set(['36.49.8.8', '175.20.40.8']));
  await keepScreenshot(workspacePage.page, testInfo, 'log-timeline-jilin');

  // One client of Liaoning: its uploads, in order, first of all the WebDAV folder it made.
  const uploader = '223.100.11.2';
  await logPage.pickClient(uploader);
  await expect(logPage.timelineFilter).toContainText(`From Client ${uploader}`);
  await expect(logPage.timelineCount).toHaveText(`${log.expected.clients?.[uploader]?.requests} events`);
  expect((await logPage.timelineLabels())[1]).toBe(
    `MKCOL /dav/invincible-s03/ 201 from ${uploader} (CN · Liaoning, AS56044 China Mobile Communications Corporation)`,
  );
  await expect(logPage.requests).toHaveCount(log.expected.clients?.[uploader]?.requests ?? -1);
  await logPage.requests.first().evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await keepScreenshot(workspacePage.page, testInfo, 'log-client-requests');

  // Clearing the chip shows every event of the pinned log again, file-system dates included.
  await logPage.timelineFilterClear.click();
  await expect(logPage.timelineFilter).toHaveCount(0);
  await expect
    .poll(async () => Number((await logPage.timelineCount.textContent())?.replace(/\D/g, '')))
    .toBeGreaterThan(log.expected.parsed ?? 0);
  await logPage.clearFilter.click();
  await expect(logPage.requestCount).toHaveText(String(log.expected.parsed));
});
