import { act, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { WatchlistHit } from '../../../shared/domain/analysis';
import type { Suggestion } from '../../../shared/domain/review';
import { connectApi } from '../../api';
import { useAppStore } from '../../store';
import { idle } from '../../store/request';
import { memoryTransport, type FakeHandlers } from '../../test-support/memory-transport';
import { SuggestionCard } from '../review/suggestion-card';

const DIR = '/cases/a';
const ARTIFACT_PNG = 'data:image/png;base64,QVJUSUZBQ1Q=';
const REFERENCE_PNG = 'data:image/png;base64,UkVGRVJFTkNF';

const lookAlike: WatchlistHit = {
  field: 'image',
  start: 0,
  end: 0,
  text: '',
  productionId: 'invincible',
  title: 'Invincible',
  alias: 'Mark model sheet',
  aliasLang: 'und',
  aliasKind: 'character',
  match: 'fuzzy',
  distance: 4,
  score: 0.938,
  snippet: '',
  highlight: { start: 0, end: 0 },
  reason: 'looks like the reference image "Mark model sheet" (artifact 3) of Invincible: perceptual hashes 4 of 64 bits apart',
  lookAlike: { referenceId: 11, referenceArtifactId: 3 },
};

const textHit: WatchlistHit = {
  ...lookAlike,
  field: 'name',
  end: 9,
  text: 'invincible',
  alias: 'Invincible',
  aliasLang: 'en',
  aliasKind: 'title',
  match: 'exact',
  distance: 0,
  score: 1,
  snippet: 'invincible_ep3.png',
  highlight: { start: 0, end: 10 },
  reason: 'the title in the file name',
  lookAlike: undefined,
};

const suggestion: Suggestion = {
  id: 1,
  artifactId: 7,
  path: 'copy-small.jpg',
  productionId: 'invincible',
  productionTitle: 'Invincible',
  score: 0.938,
  hits: [lookAlike, textHit],
  status: 'open',
  decidedBy: null,
  decidedAt: null,
  tagId: null,
  stale: false,
};

function setup(handlers: FakeHandlers) {
  useAppStore.setState(useAppStore.getInitialState(), true);
  const fake = memoryTransport(handlers);
  connectApi(fake.transport);
  // The detail pane has loaded the selected artifact's preview; the card uses it for the artifact's side.
  useAppStore.setState({
    activeCaseDir: DIR,
    preview: {
      dir: DIR,
      id: 7,
      version: 'abc',
      request: idle,
      preview: { kind: 'image', mime: 'image/png', dataUrl: ARTIFACT_PNG, origin: 'original' },
    },
  });
  return fake;
}

const renderCard = async (): Promise<void> => {
  await act(async () => {
    render(<SuggestionCard suggestion={suggestion} onAccept={() => undefined} onDismiss={() => undefined} />);
  });
};

describe('look-alike evidence', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('shows the reference thumbnail and the artifact picture side by side with the score, text hits unchanged', async () => {
    const fake = setup({
      'production.references.thumbnail': ({ id }) => ({ referenceId: id, dataUrl: REFERENCE_PNG, reason: null }),
    });
    await renderCard();

    const evidence = screen.getByTestId('look-alike');
    const reference = within(evidence).getByTestId('look-alike-reference');
    const own = within(evidence).getByTestId('look-alike-artifact');
    expect(reference.getAttribute('src')).toBe(REFERENCE_PNG);
    expect(own.getAttribute('src')).toBe(ARTIFACT_PNG);
    // Reference first, then the score, then the artifact: the order the eye compares them in.
    expect(reference.compareDocumentPosition(own) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(evidence).getByTestId('look-alike-score').textContent).toBe('94%');
    expect(evidence.textContent).toContain('Reference of Invincible');
    expect(evidence.textContent).toContain('Mark model sheet (artifact 3)');
    // Its distance is in hash bits, which the reason states; it is no text edit count.
    expect(screen.getAllByTestId('suggestion-reason')[0]?.textContent).not.toContain('edit');
    expect(fake.calls.filter((c) => c.channel === 'production.references.thumbnail')).toEqual([
      { channel: 'production.references.thumbnail', input: { dir: DIR, id: 11 } },
    ]);

    // The text hit of the same suggestion keeps its snippet and has no pictures.
    const [, text] = screen.getAllByTestId('suggestion-hit');
    expect(text && within(text).queryByTestId('look-alike')).toBeNull();
    expect(text?.textContent).toContain('invincible_ep3.png');
  });

  it('says why a picture is missing instead of showing a broken image', async () => {
    setup({
      'production.references.thumbnail': ({ id }) => ({
        referenceId: id,
        dataUrl: null,
        reason: 'the bytes no longer match the SHA-256 recorded at ingest',
      }),
    });
    useAppStore.setState({ preview: { dir: DIR, id: 7, version: 'abc', request: idle, preview: { kind: 'none', reason: 'too large' } } });
    await renderCard();

    expect(screen.getByTestId('look-alike-reference-none').textContent).toContain('no longer match');
    expect(screen.getByTestId('look-alike-artifact-none').textContent).toBe('too large');
    expect(screen.queryByRole('img')).toBeNull();
  });
});
