import { caseInfo, createCase, openCase } from '../../services/cases';
import { forgetCase, recentCases } from '../../services/recent-cases';
import type { DomainHandlers } from './types';

export const caseHandlers: DomainHandlers<'cases.recent' | 'cases.create' | 'cases.open' | 'cases.info' | 'cases.forget'> = {
  'cases.recent': (_input, ctx) => recentCases(ctx.dataDir),
  'cases.create': (input, ctx) => createCase(input, ctx),
  'cases.open': ({ dir }, ctx) => openCase(dir, ctx),
  'cases.info': ({ dir }) => caseInfo(dir),
  'cases.forget': ({ dir }, ctx) => forgetCase(ctx.dataDir, dir),
};
