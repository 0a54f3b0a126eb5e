// ESLint flat config: Next's core-web-vitals rules (React, hooks, a11y, Next), typescript-eslint with
// type information, and nothing that fights Prettier (formatting is Prettier's job, see .prettierrc.json).
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      '.next-*/**',
      '.data/**',
      '.artifacts/**',
      '.bench/**',
      'db/migrations/**',
      'next-env.d.ts',
    ],
  },
  ...nextVitals,
  ...nextTypescript,
  reactHooks.configs.flat.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Server actions and event handlers pass async functions where React types expect void.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // The layers (docs/architecture.md): the domain knows nothing of React, Next or the UI, and the
    // database layer nothing above it. lib/email renders the templates of emails/ to HTML, the one place
    // the domain reaches React, through emails/render.ts.
    files: ['lib/**/*.ts', 'lib/**/*.mjs'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(react|react-dom|next)(/.*)?$', message: 'lib/ is the domain: no React or Next.' },
            { regex: '^@/(app|components)/', message: 'lib/ is below app/ and components/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^@/(app|components|lib|emails)/', message: 'db/ is the bottom layer.' }] },
      ],
    },
  },
  {
    // Components run in the browser (or may): of lib/ they import values only from lib/shared, the pure
    // modules the server and the browser share; every other lib module touches the database or the
    // server and imports `server-only`. Types may come from anywhere (docs/architecture.md).
    files: ['components/**/*.ts', 'components/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@/lib/(?!shared/)',
              allowTypeImports: true,
              message: 'Components import values only from @/lib/shared (the modules the browser may load).',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests and scripts hold no React: `useTestDatabase()` and friends are Vitest fixtures, not hooks.
    // They read untyped JSON (HTTP answers, raw rows, the fake email API's log) and assert its shape with
    // expect, and their mocks stand in for async functions without awaiting anything: the `no-unsafe-*`
    // and `require-await` rules would only ask for casts and noise there. `typeof import(...)` is how
    // Vitest types a mocked module.
    files: ['tests/**', 'bench/**', 'scripts/**'],
    rules: {
      'react-hooks/rules-of-hooks': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
