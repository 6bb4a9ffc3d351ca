import { selectArtifacts } from '../../services/artifacts';
import { listAudit, verifyAudit } from '../../services/audit';
import {
  addAnnotation,
  addNote,
  applyLabel,
  artifactReview,
  caseNotes,
  createLabel,
  decideSuggestion,
  editAnnotation,
  editNote,
  listLabels,
  listSavedSearches,
  listSuggestions,
  redo,
  removeAnnotation,
  removeNote,
  removeSearch,
  removeTags,
  saveSearch,
  setStars,
  setTags,
  undo,
  undoStatus,
} from '../../services/review';
import { exportWatchlist, importWatchlist, listWatchlist, removeProduction, saveProduction } from '../../services/watchlist';
import type { DomainHandlers } from './types';

type ReviewChannels =
  | 'artifacts.select'
  | 'productions.list'
  | 'productions.save'
  | 'productions.remove'
  | 'productions.import'
  | 'productions.export'
  | 'suggestions.list'
  | 'suggestions.decide'
  | 'tags.set'
  | 'tags.remove'
  | 'labels.list'
  | 'labels.create'
  | 'labels.apply'
  | 'stars.set'
  | 'notes.add'
  | 'notes.edit'
  | 'notes.remove'
  | 'notes.case'
  | 'annotations.add'
  | 'annotations.edit'
  | 'annotations.remove'
  | 'review.get'
  | 'review.undo'
  | 'review.redo'
  | 'review.status'
  | 'audit.list'
  | 'audit.verify'
  | 'searches.list'
  | 'searches.save'
  | 'searches.remove';

export const reviewHandlers: DomainHandlers<ReviewChannels> = {
  'artifacts.select': (filters) => selectArtifacts(filters),
  'productions.list': ({ dir }) => listWatchlist(dir),
  'productions.save': (input, ctx) => saveProduction(input, ctx),
  'productions.remove': (input, ctx) => {
    removeProduction(input, ctx);
    return null;
  },
  'productions.import': (input, ctx) => importWatchlist(input, ctx),
  'productions.export': ({ dir }) => exportWatchlist(dir),
  'suggestions.list': (q) => listSuggestions(q),
  'suggestions.decide': (input, ctx) => decideSuggestion(input, ctx),
  'tags.set': (input, ctx) => setTags(input, ctx),
  'tags.remove': (input, ctx) => removeTags(input, ctx),
  'labels.list': ({ dir }) => listLabels(dir),
  'labels.create': (input, ctx) => createLabel(input, ctx),
  'labels.apply': (input, ctx) => applyLabel(input, ctx),
  'stars.set': (input, ctx) => setStars(input, ctx),
  'notes.add': (input, ctx) => addNote(input, ctx),
  'notes.edit': (input, ctx) => editNote(input, ctx),
  'notes.remove': (input, ctx) => removeNote(input, ctx),
  'notes.case': ({ dir }) => caseNotes(dir),
  'annotations.add': (input, ctx) => addAnnotation(input, ctx),
  'annotations.edit': (input, ctx) => editAnnotation(input, ctx),
  'annotations.remove': (input, ctx) => removeAnnotation(input, ctx),
  'review.get': ({ dir, artifactId }) => artifactReview(dir, artifactId),
  'review.undo': (input, ctx) => undo(input, ctx),
  'review.redo': (input, ctx) => redo(input, ctx),
  'review.status': ({ dir, examiner }) => undoStatus(dir, examiner),
  'audit.list': (q) => listAudit(q),
  'audit.verify': ({ dir }) => verifyAudit(dir),
  'searches.list': ({ dir }) => listSavedSearches(dir),
  'searches.save': (input, ctx) => saveSearch(input, ctx),
  'searches.remove': (input, ctx) => removeSearch(input, ctx),
};
