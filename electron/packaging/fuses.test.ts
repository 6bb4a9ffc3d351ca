import path from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { electronExecutable, fuseConfig } from './fuses';

describe('Electron fuses for packaging', () => {
  it('turns off RunAsNode, NODE_OPTIONS and inspect; turns on cookie encryption, ASAR integrity and ASAR-only loading', () => {
    const config = fuseConfig('linux');
    expect(config).toMatchObject({
      version: FuseVersion.V1,
      strictlyRequireAllFuses: true,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
    const fuses = Object.values(FuseV1Options).filter((v): v is FuseV1Options => typeof v === 'number');
    expect(fuses.every((f) => typeof config[f] === 'boolean')).toBe(true);
    expect(config.resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfig('darwin').resetAdHocDarwinSignature).toBe(true);
  });

  it('finds the Electron binary of each platform inside the packed app', () => {
    const packed = (platform: string) => ({
      appOutDir: '/dist/out',
      electronPlatformName: platform,
      packager: { appInfo: { productFilename: 'Evidence Workbench' }, executableName: 'evidence-workbench' },
    });
    expect(electronExecutable(packed('darwin'))).toBe(path.join('/dist/out', 'Evidence Workbench.app'));
    expect(electronExecutable(packed('win32'))).toBe(path.join('/dist/out', 'Evidence Workbench.exe'));
    expect(electronExecutable(packed('linux'))).toBe(path.join('/dist/out', 'evidence-workbench'));
  });
});
