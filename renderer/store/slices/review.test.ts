import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArtifactSummary } from '../../../shared/domain/artifact';
import type { ArtifactReview, Suggestion } from '../../../shared/domain/review';
import { AppError } from '../../../shared/errors';
import { connectApi } from '../../api';
import { fakeArtifact, memoryTransport, type FakeHandlers } from '../../test-support/memory-transport';
import { useAppStore } from '../index';
import { selectFilterChips, selectTargetIds } from '../selectors';
import { rowAt } from './artifacts';

const DIR = '/cases/c1';
const EXAMINER = '김철수';
const rows: ArtifactSummary[] = [1, 2, 3, 4, 5].map((id) => fakeArtifact(id, `notes/${id}.txt`));

const suggestion: Suggestion = {
  id: 9,
  artifactId: 1,
  path: 'notes/1.txt',
  productionId: 'invincible',
  productionTitle: 'Invincible',
  score: 0.9,
  hits: [],
  status: 'open',
  decidedBy: null,
  decidedAt: null,
  tagId: null,
  stale: false,
};

const review = (artifactId: number, extra: Partial<ArtifactReview> = {}): ArtifactReview => ({
  artifactId,
  starred: false,
  tags: [],
  labels: [],
  notes: [],
  annotations: [],
  suggestions: artifactId === 1 ? [suggestion] : [],
  translations: [],
  ...extra,
});

/** A call that waits until the test releases it, so the optimistic state can be looked at in between. */
function held<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve: (v: T) => void = () => undefined;
  let reject: (e: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

let fake: ReturnType<typeof memoryTransport>;

function setup(handlers: FakeHandlers = {}): void {
  fake = memoryTransport({
    'artifacts.list': () => ({ total: rows.length, items: rows }),
    'review.get': ({ artifactId }) => review(artifactId),
    'review.status': () => ({ done: null, canUndo: true, canRedo: false }),
    'labels.list': () => [{ id: 7, name: 'model sheet', color: '#1d76db', count: 0 }],
    'productions.list': () => [],
    ...handlers,
  });
  connectApi(fake.transport);
}

const row = (id: number): ArtifactSummary | undefined =>
  Object.values(useAppStore.getState().pages)
    .flat()
    .find((r) => r.id === id);
const toasts = (): string[] => useAppStore.getState().toasts.map((t) => t.message);

beforeEach(async () => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  setup();
  useAppStore.setState({ activeCaseDir: DIR, examiner: EXAMINER });
  await useAppStore.getState().ensureRows(0, 10);
  await useAppStore.getState().loadReview(1);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('optimistic review changes', () => {
  it('stars at once, sends the examiner, and keeps the star when the call succeeds', async () => {
    const call = held<{ summary: string; artifactIds: number[] }>();
    setup({ 'stars.set': () => call.promise });
    const done = useAppStore.getState().setStarred([1, 2], true);
    expect(row(1)?.starred).toBe(true);
    expect(row(2)?.starred).toBe(true);
    expect(useAppStore.getState().reviewById[1]?.starred).toBe(true);
    expect(useAppStore.getState().pendingChanges).toBe(1);
    call.resolve({ summary: 'starred 2 artifacts', artifactIds: [1, 2] });
    expect(await done).toBe(true);
    expect(row(1)?.starred).toBe(true);
    expect(useAppStore.getState().pendingChanges).toBe(0);
    expect(fake.calls.find((c) => c.channel === 'stars.set')?.input).toEqual({
      dir: DIR,
      examiner: EXAMINER,
      artifactIds: [1, 2],
      starred: true,
    });
  });

  it('rolls the rows and the review back and says why in a toast when the call fails', async () => {
    setup({
      'labels.apply': () => {
        throw new AppError('not_found', 'no label 7 in this case');
      },
    });
    await useAppStore.getState().loadLabels();
    const before = row(3);
    const ok = await useAppStore.getState().applyLabel([1, 3], 7, true);
    expect(ok).toBe(false);
    expect(row(3)).toBe(before);
    expect(row(1)?.labelIds).toEqual([]);
    expect(useAppStore.getState().reviewById[1]?.labels).toEqual([]);
    expect(toasts()).toEqual(['Could not apply the label model sheet: no label 7 in this case']);
  });

  it('keeps rows loaded after the optimistic change when rolling back', async () => {
    const call = held<{ summary: string; artifactIds: number[] }>();
    setup({
      'stars.set': () => call.promise,
      'artifacts.list': () => ({ total: rows.length, items: rows.map((r) => ({ ...r, size: 1 })) }),
    });
    const done = useAppStore.getState().setStarred([2], true);
    await useAppStore.getState().refreshArtifacts();
    call.reject(new AppError('conflict', 'busy'));
    await done;
    expect(row(2)).toMatchObject({ starred: false, size: 1 });
  });

  it('tags several artifacts and shows the tag in the rows and the loaded review until the backend answers', async () => {
    const call = held<{ summary: string; artifactIds: number[] }>();
    setup({ 'tags.set': () => call.promise });
    const done = useAppStore
      .getState()
      .tagArtifacts([1, 2], { productionId: 'invincible', status: 'confirmed', confidence: 'high', rationale: 'title on the sheet' });
    expect(row(2)?.tags).toEqual([{ productionId: 'invincible', status: 'confirmed' }]);
    expect(useAppStore.getState().reviewById[1]?.tags[0]).toMatchObject({
      productionId: 'invincible',
      status: 'confirmed',
      rationale: 'title on the sheet',
      examiner: EXAMINER,
    });
    expect(useAppStore.getState().reviewById[1]?.tags[0]?.id).toBeLessThan(0);
    call.resolve({ summary: 'tagged', artifactIds: [1, 2] });
    expect(await done).toBe(true);
  });

  it('accepts a suggestion in one call: the suggestion is decided and a tag appears, then the backend answer replaces it', async () => {
    setup({
      'suggestions.decide': (input) => ({
        ...suggestion,
        status: 'accepted',
        decidedBy: input.examiner,
        decidedAt: '2024-03-20T00:00:00Z',
        tagId: 40,
      }),
    });
    expect(await useAppStore.getState().decideSuggestion(suggestion, 'accept')).toBe(true);
    const r = useAppStore.getState().reviewById[1];
    expect(r?.suggestions[0]).toMatchObject({ status: 'accepted', decidedBy: EXAMINER, tagId: 40 });
    expect(r?.tags[0]).toMatchObject({ productionId: 'invincible', status: 'suspected', confidence: 'medium', suggestionId: 9 });
    expect(row(1)?.tags).toEqual([{ productionId: 'invincible', status: 'suspected' }]);
    expect(fake.calls.find((c) => c.channel === 'suggestions.decide')?.input).toMatchObject({
      id: 9,
      decision: 'accept',
      examiner: EXAMINER,
    });
  });

  it('adds a note at once and swaps in the saved one; a failed one disappears again', async () => {
    setup({
      'notes.add': (n) => ({ id: 5, artifactId: n.artifactId, body: n.body, examiner: n.examiner, createdAt: 'x', updatedAt: 'x' }),
    });
    expect(await useAppStore.getState().addNote(1, '원화 **확인**')).toBe(true);
    expect(useAppStore.getState().reviewById[1]?.notes.map((n) => n.id)).toEqual([5]);
    expect(row(1)?.noteCount).toBe(1);

    setup({
      'notes.add': () => {
        throw new AppError('invalid_input', 'a note must not be empty');
      },
    });
    expect(await useAppStore.getState().addNote(1, 'again')).toBe(false);
    expect(useAppStore.getState().reviewById[1]?.notes.map((n) => n.id)).toEqual([5]);
    expect(row(1)?.noteCount).toBe(1);
  });

  it('refuses to change anything without an examiner', async () => {
    useAppStore.setState({ examiner: null });
    expect(await useAppStore.getState().setStarred([1], true)).toBe(false);
    expect(row(1)?.starred).toBe(false);
    expect(fake.calls.some((c) => c.channel === 'stars.set')).toBe(false);
    expect(toasts()[0]).toMatch(/choose an examiner first/);
  });

  it('stars when any target is unstarred, unstars when all are starred', async () => {
    setup({ 'stars.set': (i) => ({ summary: '', artifactIds: i.artifactIds }) });
    await useAppStore.getState().toggleStars([1, 2]);
    await useAppStore.getState().toggleStars([1, 2]);
    const sent = fake.calls.filter((c) => c.channel === 'stars.set').map((c) => (c.input as { starred: boolean }).starred);
    expect(sent).toEqual([true, false]);
  });
});

describe('undo and events', () => {
  it('says what was undone', async () => {
    setup({ 'review.undo': () => ({ done: { summary: 'undid: starred 1 artifact', artifactIds: [1] }, canUndo: false, canRedo: true }) });
    await useAppStore.getState().undo();
    expect(toasts()).toEqual(['Undid: starred 1 artifact']);
    expect(useAppStore.getState()).toMatchObject({ canUndo: false, canRedo: true });
  });

  it('refreshes the rows, the selected review and the undo state once for a burst of review.changed events of this case', async () => {
    vi.useFakeTimers();
    useAppStore.setState({ selectedId: 1, casesByDir: {} });
    const before = fake.calls.length;
    fake.emit('review.changed', { caseDir: '/cases/other', artifactIds: [1], kinds: ['star.added'] });
    const { applyReviewChanged } = useAppStore.getState();
    applyReviewChanged({ caseDir: DIR, artifactIds: [1], kinds: ['star.added'] });
    applyReviewChanged({ caseDir: DIR, artifactIds: [2], kinds: ['label.applied'] });
    await vi.advanceTimersByTimeAsync(200);
    const channels = fake.calls.slice(before).map((c) => c.channel);
    expect(channels.filter((c) => c === 'artifacts.list')).toHaveLength(1);
    expect(channels.filter((c) => c === 'review.get')).toHaveLength(1);
    expect(channels).toContain('labels.list');
    expect(channels).toContain('review.status');
  });
});

describe('selectors', () => {
  it('acts on the picked rows, else on the selected one', () => {
    useAppStore.setState({ selectedId: 3, selectedIds: new Set() });
    expect(selectTargetIds(useAppStore.getState())).toEqual([3]);
    useAppStore.setState({ selectedIds: new Set([1, 4]) });
    expect(selectTargetIds(useAppStore.getState())).toEqual([1, 4]);
  });

  it('names the active filters in words, with production titles and label names', () => {
    useAppStore.setState({
      productions: [{ id: 'iyanu', title: 'Iyanu', aliases: [], networks: [], studios: [], notes: '', openSuggestions: 0, tagged: 0 }],
      labels: [{ id: 7, name: 'model sheet', color: '#1d76db', count: 2 }],
      query: {
        ...useAppStore.getState().query,
        filters: { production: 'iyanu', tagStatus: 'ruled-out', labelId: 7, starred: false, nkMin: 0.5 },
      },
    });
    expect(selectFilterChips(useAppStore.getState()).map((c) => `${c.label}: ${c.value}`)).toEqual([
      'NK markers: ≥ 50%',
      'Tagged: Iyanu',
      'Tag status: ruled out',
      'Label: model sheet',
      'Star: not starred',
    ]);
  });
});

describe('multi-selection', () => {
  it('picks a range with shift, toggles with ctrl, and picks everything the filters match', async () => {
    setup({ 'artifacts.select': () => ({ ids: [1, 2, 3, 4, 5], capped: false }) });
    const s = useAppStore.getState();
    s.selectArtifact(rowAt(s.pages, 1)?.id ?? null);
    await useAppStore.getState().clickRow(4, { isRange: true, isToggle: false });
    expect([...useAppStore.getState().selectedIds].sort()).toEqual([2, 3, 4]);
    await useAppStore.getState().clickRow(3, { isRange: false, isToggle: true });
    expect([...useAppStore.getState().selectedIds].sort()).toEqual([2, 4]);
    await useAppStore.getState().selectAllMatching();
    expect(useAppStore.getState().selectedIds.size).toBe(5);
    expect(fake.calls.find((c) => c.channel === 'artifacts.select')?.input).toEqual({ dir: DIR });
  });
});
