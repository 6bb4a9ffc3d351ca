import { version } from '../../../package.json';
import { AppError } from '../../../shared/errors';
import type { DomainHandlers } from './types';

export const appHandlers: DomainHandlers<'app.info' | 'dialogs.pickFolder'> = {
  'app.info': (_input, ctx) => ({
    version,
    host: ctx.host === 'electron' ? 'electron' : 'web',
    platform: process.platform,
    canPickFolders: ctx.pickFolder !== undefined,
  }),
  'dialogs.pickFolder': async ({ title }, ctx) => {
    if (!ctx.pickFolder) throw new AppError('invalid_input', 'folder dialogs are not available here; type the path instead');
    return { path: await ctx.pickFolder(title ?? 'Choose a folder') };
  },
};
