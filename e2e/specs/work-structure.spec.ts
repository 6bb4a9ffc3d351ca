import { WORK_NAMES, WORK_PATHS } from '../../electron/test-support/generate/work-files';
import { keepScreenshot } from '../fixtures/screenshots';
import { expect, test } from '../fixtures/test';

test.use({ evidenceSets: ['work'] });

test('the Structure section shows a work file’s layer tree, timesheet, items and recorded paths', async ({
  startPage,
  workspacePage,
  caseDir,
  evidence,
}, testInfo) => {
  await startPage.waitReady();
  await startPage.createCase({ dir: caseDir, name: 'Work files', examiner: 'E2E' });
  await workspacePage.waitOpen('Work files');
  await workspacePage.addEvidence(evidence.dir);
  expect(await workspacePage.waitForIngestEnd()).toBe('Done');
  const structure = workspacePage.section('structure');

  await workspacePage.openArtifact('work/cut012.psd');
  await expect(structure.getByTestId('structure-layer-name')).toHaveText([
    'bg link',
    WORK_NAMES.balloon,
    WORK_NAMES.invincible,
    WORK_NAMES.fix,
    WORK_NAMES.genga,
    WORK_NAMES.background,
  ]);
  const hidden = structure.getByTestId('structure-layer').filter({ hasText: WORK_NAMES.fix });
  await expect(hidden).toContainText('hidden');
  await expect(structure.getByTestId('structure-layer-text')).toHaveText(`“${WORK_NAMES.textLayer}”`);
  await expect(structure.locator('a')).toHaveCount(0);
  await workspacePage.scrollDetailTo(structure);
  await keepScreenshot(workspacePage.page, testInfo, 'workspace-structure-psd');

  await workspacePage.openArtifact('work/cut012.xdts');
  await expect(structure.getByTestId('structure-timesheet')).toContainText(WORK_NAMES.cut);
  await expect(structure.getByTestId('structure-track').filter({ hasText: WORK_NAMES.genga })).toBeVisible();
  // Scrolled once the sections above have their content, so that the shot starts at Structure.
  await workspacePage.scrollDetailTo(structure);
  await keepScreenshot(workspacePage.page, testInfo, 'workspace-structure-timesheet');

  await workspacePage.openArtifact('work/cut012.aep');
  await expect(structure.getByTestId('structure-item').first()).toBeVisible();
  // The Mac path recorded in the project names its user's home folder: a user chip.
  const mac = structure.getByTestId('structure-path').filter({ hasText: WORK_PATHS.macChinese });
  await expect(mac.getByTestId('structure-chip-user')).toContainText('zhang');
  await expect(mac.getByTestId('structure-chip-folder').filter({ hasText: '原画' })).toBeVisible();
  await workspacePage.scrollDetailTo(structure);
  await keepScreenshot(workspacePage.page, testInfo, 'workspace-structure-project');
  // The narrowest layout the workbench supports: the item table scrolls sideways rather than crushing its columns.
  await workspacePage.page.setViewportSize({ width: 1024, height: 768 });
  await workspacePage.scrollDetailTo(structure);
  await keepScreenshot(workspacePage.page, testInfo, 'workspace-structure-project-1024');
});
