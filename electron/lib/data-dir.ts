import os from 'node:os';
import path from 'node:path';

/** Per-user app data for the CLI and web host; Electron uses its own userData path unless APP_USER_DATA is set. */
export function defaultDataDir(): string {
  if (process.env.APP_USER_DATA) return process.env.APP_USER_DATA;
  if (process.env.WORKBENCH_DATA_DIR) return process.env.WORKBENCH_DATA_DIR;
  const base = process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
  return path.join(base, 'evidence-workbench');
}
