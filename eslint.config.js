import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.data/**',
      'coverage/**',
      'client/src/generated/**',
      'test/artifacts/**',
      'test/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        // The workspace tsconfigs leave specs out of the build, so type-aware
        // linting uses one no-emit program that includes them (and test/).
        project: './tsconfig.eslint.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // ignoreRestSiblings: `const { dropped, ...rest } = x` is how we omit keys.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Nest's decorators take `() => Type` thunks and class references.
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    // A module that imports itself through others: a sign that something shared
    // belongs in a leaf file. Type-only imports do not count (they vanish at runtime).
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        importX.createNodeResolver({
          // Sources import each other as `./file.js`; the file is `./file.ts(x)`.
          extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
          // The workspaces' own packages resolve to their sources, not to dist/.
          tsconfig: { configFile: `${import.meta.dirname}/tsconfig.eslint.json` },
        }),
      ],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // The audit log knows who sent a request; access knows nothing of the audit log
    // (the guard reports refusals through the DenialRecorder the audit module provides).
    files: ['server/src/access/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/audit/*'], message: 'access must not import audit.' }] },
      ],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { project: './client/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // API tests read GraphQL response bodies, which TestServer.gql types loosely
    // (Record<string, any>) instead of mirroring the schema in every test; the
    // assertions on them are the type check. Everything else stays on.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
