import { ALL_EVIDENCE_SETS } from '../fixtures/evidence';
import { keepScreenshot } from '../fixtures/screenshots';
import { expect, test } from '../fixtures/test';

test.use({ evidenceSets: [...ALL_EVIDENCE_SETS] });

test('ingest a generated evidence folder and see every file with its SHA-256', async ({
  startPage,
  workspacePage,
  caseDir,
  evidence,
}, testInfo) => {
  await startPage.waitReady();
  await startPage.createCase({ dir: caseDir, name: 'Ingest check', examiner: 'E2E' });
  await workspacePage.waitOpen('Ingest check');

  await workspacePage.addEvidence(evidence.dir);
  await expect(workspacePage.ingestPanel).toBeVisible();
  const status = await workspacePage.waitForIngestEnd();
  expect(status).toBe('Done');

  await keepScreenshot(workspacePage.page, testInfo, 'workspace-ingested');
  const rows = await workspacePage.allRows();
  const byPath = new Map(rows.map((r) => [r.path, r]));
  for (const file of evidence.files) {
    expect.soft(byPath.get(file.rel)?.sha256, `SHA-256 of ${file.rel}`).toBe(file.sha256);
  }

  const note = evidence.files.find((f) => f.rel === 'notes/会议记录_0315.txt');
  expect(note).toBeDefined();
  if (!note) return;
  await workspacePage.filter.fill('会议记录');
  await expect(workspacePage.row(note.rel)).toBeVisible();
  await workspacePage.selectRow(note.rel);
  await expect(workspacePage.detailName).toHaveText('会议记录_0315.txt');
  await expect(workspacePage.detailSha256).toHaveText(note.sha256);
  await expect(workspacePage.detailSize).toContainText(`${note.size} bytes`);
  await keepScreenshot(workspacePage.page, testInfo, 'workspace-detail');

  const copy = evidence.files.find((f) => f.rel === 'copies/会议记录_0315 (副本).txt');
  await workspacePage.pressInTable('ArrowUp');
  await expect(workspacePage.detailPath).toHaveText(copy?.rel ?? '');
  await expect(workspacePage.detailSha256).toHaveText(note.sha256);
});

test('folders in the source tree filter the table, and headers sort it on the server', async ({
  startPage,
  workspacePage,
  caseDir,
  evidence,
}) => {
  await startPage.waitReady();
  await startPage.createCase({ dir: caseDir, name: 'Tree and sort', examiner: 'E2E' });
  await workspacePage.waitOpen('Tree and sort');
  await workspacePage.addEvidence(evidence.dir);
  expect(await workspacePage.waitForIngestEnd()).toBe('Done');

  const notes = evidence.files.filter((f) => f.rel.startsWith('notes/'));
  await workspacePage.folder('notes/').click();
  await workspacePage.expectTotal(notes.length);
  expect((await workspacePage.renderedRows()).map((r) => r.path).sort()).toEqual(notes.map((f) => f.rel).sort());

  // Sub-folders come from the backend on the first expand, down to one file.
  await workspacePage.expandFolder('images/');
  await workspacePage.expandFolder('images/layout/');
  await workspacePage.folder('images/layout/ep06/').click();
  await workspacePage.expectTotal(evidence.files.filter((f) => f.rel.startsWith('images/layout/ep06/')).length);

  await workspacePage.showAll();
  await workspacePage.sortBy('sha256');
  await expect.poll(async () => isAscending((await workspacePage.renderedRows()).map((r) => r.sha256).filter(Boolean))).toBe(true);
  await workspacePage.sortBy('sha256');
  await expect
    .poll(async () =>
      isAscending(
        (await workspacePage.renderedRows())
          .map((r) => r.sha256)
          .filter(Boolean)
          .reverse(),
      ),
    )
    .toBe(true);
});

function isAscending(values: string[]): boolean {
  return values.length > 1 && values.every((v, i) => i === 0 || (values[i - 1] as string) <= v);
}
