import { fileURLToPath } from 'node:url';
import { createBackend } from '../backend';
import { defaultDataDir } from '../lib/data-dir';
import { startHttpHost } from './http-host';

function parsePort(argv: string[]): number {
  const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  if (i < 0) return 0;
  const raw = argv[i]?.includes('=') ? argv[i]?.split('=')[1] : argv[i + 1];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`workbench web: --port must be a number from 0 to 65535, got ${raw ?? 'nothing'}\n`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const backend = createBackend({ host: 'web', dataDir: defaultDataDir() });
  const host = await startHttpHost({
    backend,
    rendererDir: fileURLToPath(new URL('../renderer/', import.meta.url)),
    port: parsePort(process.argv.slice(2)),
  });
  // e2e and scripts parse this exact line for the URL with its token.
  process.stdout.write(`HTTP host listening on ${host.url}\n`);
  const stop = (): void => {
    void host
      .close()
      .then(() => backend.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`workbench web: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
