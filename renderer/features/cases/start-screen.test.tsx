import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { connectApi } from '../../api';
import { useAppStore } from '../../store';
import { memoryTransport } from '../../test-support/memory-transport';
import { App } from '../app/app';

const recent = [
  { dir: '/cases/a', name: 'Leak 원화', examiner: '김철수', openedAt: '2024-03-15T05:22:05Z', exists: true },
  { dir: '/cases/gone', name: 'Old case', examiner: 'J. Kim', openedAt: '2024-01-01T00:00:00Z', exists: false },
];

function setup(overrides: Parameters<typeof memoryTransport>[0] = {}) {
  useAppStore.setState(useAppStore.getInitialState(), true);
  const fake = memoryTransport({
    'app.info': () => ({ version: '0.1.0', host: 'web', platform: 'linux', canPickFolders: false }),
    'cases.recent': () => recent,
    'cases.forget': () => recent.slice(0, 1),
    ...overrides,
  });
  connectApi(fake.transport);
  render(<App />);
  return fake;
}

const boot = async (): Promise<void> => {
  await act(() => useAppStore.getState().boot());
};

describe('start screen', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('marks the app ready and lists recent cases, greying missing ones with Forget', async () => {
    const fake = setup();
    await boot();
    expect(screen.getByTestId('app-root').dataset.appState).toBe('ready');
    const rows = screen.getAllByTestId('recent-case');
    expect(rows).toHaveLength(2);
    expect(within(rows[0] as HTMLElement).getByText('Leak 원화')).toBeTruthy();
    expect(rows[1]?.className).toContain('recent__row--missing');
    await act(async () => {
      fireEvent.click(within(rows[1] as HTMLElement).getByTestId('recent-case-forget'));
    });
    expect(fake.calls.some((c) => c.channel === 'cases.forget')).toBe(true);
    expect(screen.getAllByTestId('recent-case')).toHaveLength(1);
  });

  it('validates inline and shows the backend message, never a stack', async () => {
    const fake = setup({
      'cases.create': () => {
        throw new AppError('conflict', 'a case already exists in /cases/a');
      },
    });
    await boot();

    fireEvent.click(screen.getByTestId('create-case-submit'));
    expect(screen.getByText('Enter a case name.')).toBeTruthy();
    expect(fake.calls.some((c) => c.channel === 'cases.create')).toBe(false);

    fireEvent.change(screen.getByTestId('create-case-dir'), { target: { value: '/cases/a' } });
    fireEvent.change(screen.getByTestId('create-case-name'), { target: { value: 'Second' } });
    fireEvent.change(screen.getByTestId('create-case-examiner'), { target: { value: 'Analyst' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('create-case-submit'));
    });
    const error = screen.getByTestId('create-case-error');
    expect(error.textContent).toContain('a case already exists in /cases/a');
    expect(error.dataset.errorCode).toBe('conflict');
    expect(screen.getByTestId('start-screen')).toBeTruthy();
  });

  it('shows why a case cannot be opened, offers Upgrade case for an older one, and badges a read-only case', async () => {
    const summary = {
      id: 'c-1',
      dir: '/cases/old',
      name: 'Old case',
      examiner: 'J. Kim',
      description: '',
      createdAt: '2024-01-01T00:00:00Z',
      schemaVersion: 3,
      readOnly: true,
      readOnlyReason: 'the case folder /cases/old is not writable for this user',
      importedFrom: null,
      sourceCount: 0,
      artifactCount: 0,
      totalBytes: 0,
    };
    let finishUpgrade: () => void = () => undefined;
    const upgraded = new Promise<typeof summary>((resolve) => {
      finishUpgrade = () => resolve(summary);
    });
    const fake = setup({
      'cases.open': ({ dir }) => {
        if (dir === '/cases/empty') throw new AppError('case_damaged', '/cases/empty/case.sqlite is empty (0 bytes)');
        throw new AppError('case_needs_migration', '/cases/old/case.sqlite uses case schema 2; run `workbench case migrate /cases/old`');
      },
      'cases.migrate': () => upgraded,
      'sources.list': () => [],
      'ingest.jobs': () => [],
      'artifacts.list': () => ({ total: 0, items: [] }),
    });
    await boot();
    const open = async (dir: string): Promise<void> => {
      fireEvent.change(screen.getByTestId('open-case-dir'), { target: { value: dir } });
      await act(async () => {
        fireEvent.click(screen.getByTestId('open-case-submit'));
      });
    };

    await open('/cases/empty');
    expect(screen.getByTestId('open-case-error').dataset.errorCode).toBe('case_damaged');
    expect(screen.getByTestId('open-case-error').textContent).toBe('Damaged case/cases/empty/case.sqlite is empty (0 bytes)');
    expect(screen.queryByTestId('open-case-upgrade')).toBeNull();

    await open('/cases/old');
    expect(screen.getByTestId('open-case-error').dataset.errorCode).toBe('case_needs_migration');
    // jsdom does no layout and has neither Element.scrollTo nor matchMedia, which the workspace calls once the case opens.
    Object.defineProperty(HTMLElement.prototype, 'scrollTo', { value: () => undefined, configurable: true });
    Object.defineProperty(window, 'matchMedia', {
      value: () => ({ matches: true, addEventListener: () => undefined, removeEventListener: () => undefined }),
      configurable: true,
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('open-case-upgrade'));
    });
    // A large case takes a minute: the form says it is upgrading, not opening.
    expect(screen.getByTestId('open-case-upgrading').textContent).toContain('search index');
    expect(screen.getByTestId('open-case-submit').textContent).toBe('Upgrading…');
    await act(async () => {
      finishUpgrade();
      await upgraded;
    });
    expect(screen.queryByTestId('open-case-upgrading')).toBeNull();
    expect(fake.calls.filter((c) => c.channel === 'cases.migrate')).toEqual([{ channel: 'cases.migrate', input: { dir: '/cases/old' } }]);
    // An upgraded case is entered like an opened one: the examiner is asked for first, prefilled with the case's.
    expect((screen.getByTestId('examiner-input') as HTMLInputElement).value).toBe('J. Kim');
    await act(async () => {
      fireEvent.click(screen.getByTestId('examiner-confirm'));
    });
    const badge = screen.getByTestId('case-read-only');
    expect(badge.textContent).toBe('read-only');
    expect(badge.querySelector('[title]')?.getAttribute('title')).toContain('not writable for this user');
  });
});
