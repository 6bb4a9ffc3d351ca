import { appHandlers } from './app';
import { artifactHandlers } from './artifacts';
import { caseHandlers } from './cases';
import { exportHandlers } from './exports';
import { extractHandlers } from './extract';
import { ingestHandlers } from './ingest';
import { logHandlers } from './logs';
import { previewHandlers } from './preview';
import { reviewHandlers } from './review';
import { searchHandlers } from './search';
import type { Handlers } from './types';
import { visualHandlers } from './visual';

/** The handler table: a channel in the contract without a handler here is a compile error. */
export const handlers: Handlers = {
  ...appHandlers,
  ...caseHandlers,
  ...ingestHandlers,
  ...extractHandlers,
  ...artifactHandlers,
  ...previewHandlers,
  ...searchHandlers,
  ...logHandlers,
  ...reviewHandlers,
  ...exportHandlers,
  ...visualHandlers,
};
