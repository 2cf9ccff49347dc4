import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', 'test/artifacts/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'test/support/*.cjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    // Nest reads constructor parameter types at run time: those imports must stay value imports.
    files: [
      'apps/**/*.ts',
      'libs/**/*.module.ts',
      'libs/**/*.controller.ts',
      'libs/**/*.handler.ts',
      'libs/**/*.service.ts',
    ],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    // Migrations are frozen and speak to whatever the schema was then, as Kysely documents.
    files: ['db/migrations/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The domain loads no framework and no driver, and reaches other libraries only through their pure domain
    // entries (a library's main entry also loads its Nest module). test/domain-purity.spec.ts checks what the
    // imports really resolve to.
    files: ['libs/*/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', 'kysely', 'pg', '@electric-sql/*'], message: 'The domain stays pure.' },
            {
              regex: '^#libs/(?!event-sourcing$)[^/]+$',
              allowTypeImports: true,
              message: "Import another library's domain through #libs/<name>/domain.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../../libs/*'], message: 'Use a library through its public entry (#libs/<name>).' },
            {
              regex: '^#libs/[^/]+/(?!domain$)',
              message: 'Use a library through its public entry (#libs/<name> or #libs/<name>/domain).',
            },
          ],
        },
      ],
    },
  },
  {
    // HTTP answers are untyped JSON in tests; asserting on them is the point.
    files: ['**/*.e2e-spec.ts', '**/*.int-spec.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  { files: ['apps/api/audit/page/*.js'], languageOptions: { globals: { ...globals.browser } } },
  prettier,
);
