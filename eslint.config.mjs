// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'var/**', 'node_modules/**', 'coverage/**', 'reports/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-console': 'off',
    },
  },
  {
    // Import boundaries: a capability is used through its index.ts, never through its insides.
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    ignores: ['libs/database/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@unisson/*/*', '!@unisson/database/schema'],
              message: 'Import a capability through its index (@unisson/<capability>).',
            },
            {
              group: ['../../*/src/*', '../../../*/src/*', '../../../../libs/*'],
              message: 'Import another capability through @unisson/<capability>.',
            },
          ],
        },
      ],
    },
  },
);
