import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';
import { ENTRY_FILES, LAYER_ELEMENTS, LAYER_POLICIES } from './layers.config.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'web/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The layers of src/ and which may use which: see layers.config.mjs and the README's layout section.
    files: ['src/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': LAYER_ELEMENTS,
      'boundaries/files': ENTRY_FILES,
      'import/resolver': { typescript: { project: './tsconfig.json' } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          message:
            "layering: {{from.type}} ({{from.filePath}}) may not import '{{dependency.source}}' ({{to.type}}); dependencies point one way, shared <- model <- config <- store <- features <- api, http, cli, web <- src/app.ts and src/main.ts (see layers.config.mjs)",
          policies: LAYER_POLICIES,
        },
      ],
      'boundaries/no-unknown-files': 'error',
    },
  },
);
