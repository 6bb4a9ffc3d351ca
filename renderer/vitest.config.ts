import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Renderer unit tests in jsdom. */
export default defineConfig({
  root,
  plugins: [react()],
  test: {
    name: 'renderer',
    include: ['renderer/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    reporters: ['default', ['json', { outputFile: 'test-results/vitest-renderer.json' }]],
  },
});
