import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { keepScreenshot } from '../fixtures/screenshots';
import { expect, test } from '../fixtures/test';

test('create a case, reload, find it in recent cases and open it', async ({ startPage, workspacePage, caseDir }, testInfo) => {
  await startPage.waitReady();
  await expect(startPage.recentEmpty).toBeVisible();
  await keepScreenshot(startPage.page, testInfo, 'first-screen');

  const name = '2024-017 원화 수정 / 原画修型';
  await startPage.createCase({
    dir: caseDir,
    name,
    examiner: '김철수 (analyst)',
    description: 'Exposed server export, received 2024-03-20.',
  });
  await workspacePage.waitOpen(name);
  await expect(workspacePage.caseExaminer).toHaveText('김철수 (analyst)');
  await expect(workspacePage.caseDir).toHaveText(caseDir);
  await expect(workspacePage.artifactsEmpty).toBeVisible();
  await expect(workspacePage.detailEmpty).toBeVisible();

  await startPage.reload();
  await expect(startPage.recentCase(name)).toHaveCount(1);
  await expect(startPage.recentCase(name)).toContainText(caseDir);
  await expect(startPage.recentCase(name)).toHaveAttribute('data-exists', 'true');

  await startPage.openRecent(name);
  await workspacePage.waitOpen(name);
});

test('creating a case where one already exists shows a readable error', async ({ startPage, workspacePage, caseDir }) => {
  await startPage.waitReady();

  await startPage.createSubmit.click();
  await expect(startPage.fieldError(startPage.createName)).toHaveText('Enter a case name.');
  await expect(startPage.fieldError(startPage.createDir)).toContainText('Enter the folder');
  await expect(startPage.root).toBeVisible();

  await startPage.createCase({ dir: caseDir, name: 'First', examiner: 'Analyst A' });
  await workspacePage.waitOpen('First');
  await workspacePage.closeCaseButton.click();
  await startPage.waitReady();

  await startPage.createCase({ dir: caseDir, name: 'Second', examiner: 'Analyst B' });
  await expect(startPage.createError).toBeVisible();
  await expect(startPage.createError).toContainText(`a case already exists in ${caseDir}`);
  await expect(startPage.createError).toHaveAttribute('data-error-code', 'conflict');
  await expect(startPage.createError).not.toContainText(/\bat \S+:\d+/);
  await expect(startPage.root).toBeVisible();

  await startPage.openCase(path.join(caseDir, 'no-such-case'));
  await expect(startPage.openError).toBeVisible();
  await expect(startPage.openError).not.toContainText(/\bat \S+:\d+/);
});

test('a folder that is not empty is refused for a new case', async ({ startPage, workDir }) => {
  await startPage.waitReady();
  const busy = path.join(workDir, 'busy');
  await mkdir(busy, { recursive: true });
  await writeFile(path.join(busy, 'unrelated.txt'), 'not a case');
  await startPage.createCase({ dir: busy, name: 'Busy', examiner: 'Analyst' });
  await expect(startPage.createError).toContainText('folder is not empty');
});
