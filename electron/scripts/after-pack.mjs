// electron-builder's afterPack hook (electron-builder.yml): flips the Electron fuses of the packed app. The logic is
// TypeScript in electron/packaging/fuses.ts, loaded through tsx (a dev dependency, present wherever packaging runs).
import { tsImport } from 'tsx/esm/api';

export default async function afterPack(context) {
  const { flipPackedFuses } = await tsImport('../packaging/fuses.ts', import.meta.url);
  await flipPackedFuses(context);
}
