import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, wherever a test file sits below it. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The third-party development corpus beside the project (never copied into it); tests skip when it is absent. */
export const corpusDir = path.join(repoRoot, '..', 'shared', 'corpus');
