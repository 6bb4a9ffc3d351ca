import { availableParallelism } from 'node:os';
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
    // Vitest's default is one fork fewer than there are cores: a single fork on the 2-core CI machine. Most of these
    // tests wait on child processes, worker pools and disk, so two forks there took the suite from 411 s to 231 s.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
