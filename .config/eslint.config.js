// Lint rules for the whole repository (kept out of the fixed top level; run as `eslint -c .config/eslint.config.js .`).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const boundary = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'e2e/artifacts/**', 'test-results/**', 'playwright-report/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      // Parsers of binary formats and legacy encodings match control bytes on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['electron/**/*.{ts,mjs}', 'e2e/**/*.ts', '.config/**/*.{js,cjs}', '.ci/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { patterns: [boundary(['**/electron/**', 'electron'], 'the renderer talks to the backend only through renderer/api')] },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            boundary(
              ['**/electron/**', '**/renderer/**', 'node:*', 'electron', 'react'],
              'shared/ is imported by both sides and imports neither',
            ),
          ],
        },
      ],
    },
  },
  {
    files: [
      'electron/services/**/*.ts',
      'electron/db/**/*.ts',
      'electron/lib/**/*.ts',
      'electron/workers/**/*.ts',
      'electron/cli/**/*.ts',
      'electron/http/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [boundary(['electron', '**/renderer/**'], 'services and hosts never import electron or the renderer')] },
      ],
    },
  },
);
