import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Node-side unit tests: shared/ and electron/, in the node environment, against real files and real SQLite. */
export default defineConfig({
  root,
  test: {
    name: 'node',
    reporters: ['default', ['json', { outputFile: 'test-results/vitest-node.json' }]],
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
