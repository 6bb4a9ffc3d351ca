import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './lib/csp';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (p: string): string => fileURLToPath(new URL(`../${p}`, import.meta.url));

/**
 * The renderer page carries the same policy as the header both hosts send (the web host, and the app:// protocol
 * handler in the desktop app), so the page is covered even if it is ever loaded another way. (frame-ancestors is
 * header-only.)
 */
const cspMeta = (): Plugin => ({
  name: 'workbench-csp-meta',
  transformIndexHtml: (html) =>
    html.replace(
      '<meta charset="UTF-8" />',
      `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY.replace(/; frame-ancestors [^;]+/, '')}" />`,
    ),
});

/**
 * One build for the three bundles. The Node side has several entries sharing chunks: the Electron main process,
 * the web host and the CLI (plain Node, no Electron binary needed), and the worker-thread entries.
 */
export default defineConfig({
  main: {
    root,
    build: {
      outDir: at('out/main'),
      // zod is bundled: loaded from node_modules it is 99 module files, 63 ms of every CLI command's start.
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        input: {
          main: at('electron/main.ts'),
          web: at('electron/http/web-main.ts'),
          cli: at('electron/cli/main.ts'),
          'ingest.worker': at('electron/workers/ingest.worker.ts'),
          'visual.worker': at('electron/workers/visual.worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  },
  preload: {
    root,
    build: {
      outDir: at('out/preload'),
      rollupOptions: {
        input: { preload: at('electron/preload/preload.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: at('renderer'),
    plugins: [react(), cspMeta()],
    build: {
      outDir: at('out/renderer'),
      rollupOptions: { input: { index: at('renderer/index.html') } },
    },
  },
});
