import path from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

/** What the hook reads of electron-builder's AfterPackContext (a structural subset, so tests need no packager). */
export interface PackedApp {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

/**
 * Electron fuses, flipped in the packaged binary (https://www.electronjs.org/docs/latest/tutorial/fuses). Every fuse
 * is set (`strictlyRequireAllFuses`), so an Electron upgrade that adds one fails packaging until it is decided here.
 * - RunAsNode off: ELECTRON_RUN_AS_NODE cannot turn the signed app into a plain Node interpreter.
 * - Cookie encryption on: the session's cookie store is encrypted with the OS keychain.
 * - NODE_OPTIONS and --inspect/--remote-debugging arguments off: no code or debugger injected from outside.
 * - Embedded ASAR integrity on, and only load the app from app.asar: a modified or loose copy of the code is refused.
 * - File-protocol extra privileges off: the renderer is served from app://, so file:// needs none.
 * - Browser-process V8 snapshot off: not used.
 */
export function fuseConfig(platform: string): FuseV1Config {
  return {
    version: FuseVersion.V1,
    strictlyRequireAllFuses: true,
    // Flipping fuses invalidates an ad-hoc signature; arm64 macOS refuses to start an unsigned binary.
    resetAdHocDarwinSignature: platform === 'darwin',
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

/** The Electron binary inside a packed app: the .app bundle on macOS, the .exe on Windows, the executable on Linux. */
export function electronExecutable(app: PackedApp): string {
  const name = app.packager.appInfo.productFilename;
  if (app.electronPlatformName === 'darwin' || app.electronPlatformName === 'mas') return path.join(app.appOutDir, `${name}.app`);
  if (app.electronPlatformName === 'win32') return path.join(app.appOutDir, `${name}.exe`);
  return path.join(app.appOutDir, app.packager.executableName ?? name);
}

/** electron-builder's afterPack step (electron/scripts/after-pack.mjs): flips the fuses before signing. */
export async function flipPackedFuses(app: PackedApp): Promise<void> {
  await flipFuses(electronExecutable(app), fuseConfig(app.electronPlatformName));
}
