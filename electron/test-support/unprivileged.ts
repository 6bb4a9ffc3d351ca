import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './paths';

/** Root ignores file modes: what a user may not do is tested with a process running as `nobody` (65534) under root. */
export const NOBODY = { uid: 65534, gid: 65534 } as const;

export const runsAsRoot = (): boolean => process.getuid?.() === 0;

/**
 * Whether `nobody` can read the project's code and dependencies, as a process started as nobody must. A checkout
 * inside a private (0700) folder cannot be read; the tests that need it then skip and say why.
 */
export function projectReadableByNobody(): boolean {
  const probe = spawnSync(
    process.execPath,
    ['-e', 'require("fs").accessSync(process.argv[1], 4)', path.join(repoRoot, 'node_modules/tsx/package.json')],
    {
      cwd: '/',
      ...NOBODY,
    },
  );
  return probe.status === 0;
}

export const NOT_READABLE_BY_NOBODY = `user nobody cannot read ${repoRoot}; clone the project into a folder others can read`;
