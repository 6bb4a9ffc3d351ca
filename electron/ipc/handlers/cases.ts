import { caseInfo, createCase, migrateCase, openCase } from '../../services/cases';
import { forgetCase, recentCases } from '../../services/recent-cases';
import type { DomainHandlers } from './types';

export const caseHandlers: DomainHandlers<
  'cases.recent' | 'cases.create' | 'cases.open' | 'cases.info' | 'cases.migrate' | 'cases.forget'
> = {
  'cases.recent': (_input, ctx) => recentCases(ctx.dataDir),
  'cases.create': (input, ctx) => createCase(input, ctx),
  'cases.open': ({ dir }, ctx) => openCase(dir, ctx),
  'cases.info': ({ dir }) => caseInfo(dir),
  'cases.migrate': ({ dir }, ctx) => migrateCase(dir, ctx),
  'cases.forget': ({ dir }, ctx) => forgetCase(ctx.dataDir, dir),
};
