import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { NOT_READABLE_BY_NOBODY, projectReadableByNobody, runsAsRoot } from '../../electron/test-support/unprivileged';
import { workbenchCli } from '../fixtures/launcher';
import { keepScreenshot } from '../fixtures/screenshots';
import { expect, test } from '../fixtures/test';

test('a damaged case is refused on the start screen with its reason, not an internal error', async ({ startPage, workDir }) => {
  await startPage.waitReady();
  const damaged = path.join(workDir, 'damaged');
  await mkdir(damaged);
  await writeFile(path.join(damaged, 'case.sqlite'), '');
  await startPage.openCase(damaged);
  await expect(startPage.openError).toHaveAttribute('data-error-code', 'case_damaged');
  await expect(startPage.openError).toContainText(`${damaged}/case.sqlite is empty (0 bytes)`);
  await expect(startPage.openUpgrade).toHaveCount(0);
  await expect(startPage.root).toBeVisible();
});

test.describe('a case the host cannot write', () => {
  // Decided before the fixtures start the host as nobody.
  test.skip(runsAsRoot() && !projectReadableByNobody(), `the host would run as nobody: ${NOT_READABLE_BY_NOBODY}`);
  test.use({ unprivilegedHost: true });

  test('opens read-only with a badge, lists and searches, and refuses new evidence', async ({
    appMode,
    startPage,
    workspacePage,
    workDir,
    evidence,
  }, testInfo) => {
    test.skip(appMode !== 'web', 'the web host is started as another user; the Electron shell runs as the runner');
    const caseDir = path.join(workDir, 'seized-copy');
    const cliData = path.join(workDir, 'cli-data');
    await workbenchCli(['case', 'create', caseDir, '--name', 'Seized copy', '--examiner', 'J. Kim'], cliData);
    await workbenchCli(['ingest', caseDir, evidence.dir], cliData);
    const { artifactCount } = JSON.parse(await workbenchCli(['case', 'info', caseDir, '--json'], cliData)) as { artifactCount: number };
    await chmod(path.join(caseDir, 'case.sqlite'), 0o444);
    await chmod(caseDir, 0o555);
    try {
      await startPage.waitReady();
      await startPage.openCase(caseDir);
      await startPage.confirmExaminer();
      await workspacePage.waitOpen('Seized copy');
      await expect(workspacePage.readOnlyBadge).toHaveText('read-only');
      await workspacePage.expectTotal(artifactCount);
      await workspacePage.search('修型');
      await expect(workspacePage.searchHits.first()).toBeVisible();
      await workspacePage.addEvidence(evidence.dir);
      await expect(workspacePage.addEvidenceError).toContainText(`this case is open read-only: the case folder ${caseDir} is not writable`);
      await expect(workspacePage.addEvidenceError).toHaveAttribute('data-error-code', 'read_only');
      await keepScreenshot(workspacePage.page, testInfo, 'read-only-case');
    } finally {
      await chmod(caseDir, 0o755);
    }
  });
});
