#!/usr/bin/env node
// `npm start`: the desktop app when Electron's binary is installed, otherwise browser mode on 127.0.0.1.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function electronBinary() {
  try {
    const binary = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function openBrowser(url) {
  if (!process.env.DISPLAY && process.platform === 'linux') return;
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(opener, [url], { stdio: 'ignore', detached: true })
    .on('error', () => {})
    .unref();
}

const binary = electronBinary();
if (binary) {
  const app = spawn(binary, [root], { stdio: 'inherit' });
  app.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stdout.write(
    'Electron binary not installed (it is fetched by `node node_modules/electron/install.js` where its download host is reachable); opening browser mode instead.\n',
  );
  const host = spawn(process.execPath, [fileURLToPath(new URL('../../out/main/web.js', import.meta.url)), ...process.argv.slice(2)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  host.stdout.setEncoding('utf8');
  host.stdout.on('data', (text) => {
    process.stdout.write(text);
    const match = /HTTP host listening on (\S+)/.exec(text);
    if (match) openBrowser(match[1]);
  });
  host.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal));
}
