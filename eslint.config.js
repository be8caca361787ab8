import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const hubspotClient = {
  group: ['@hubspot/api-client', '@hubspot/api-client/*'],
  message: 'Only server/src/crm/hubspot/ imports @hubspot/api-client.',
};
const jsforceClient = {
  group: ['jsforce', 'jsforce/*'],
  message: 'Only server/src/crm/salesforce/ imports jsforce.',
};

/** Only the adapters talk to the vendors' clients; everything else in the service sees the port. */
const vendorBoundaries = () => [
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/crm/hubspot/**', 'server/src/crm/salesforce/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [hubspotClient, jsforceClient] }] },
  },
  {
    files: ['server/src/crm/hubspot/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [jsforceClient] }] },
  },
  {
    files: ['server/src/crm/salesforce/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [hubspotClient] }] },
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '.entente/**',
      'salesforce/.sfdx/**',
      'salesforce/force-app/**/staticresources/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
  },
  {
    files: ['**/*.cjs', 'salesforce/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node, ...globals.jest } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The domain stays pure: no service code, no CRM vendor clients, no I/O modules.
    files: ['shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@entente/server', '@entente/server/*', '**/server/**'],
              message: 'shared/ must not import the service.',
            },
            {
              group: ['@hubspot/api-client', '@hubspot/api-client/*'],
              message: 'Vendor types stop at server/src/crm/hubspot/.',
            },
            { group: ['jsforce', 'jsforce/*'], message: 'Vendor types stop at server/src/crm/salesforce/.' },
            {
              group: [
                'node:fs',
                'fs',
                'node:fs/*',
                'fs/*',
                'node:net',
                'node:http',
                'node:https',
                'pg',
                '@electric-sql/*',
              ],
              message: 'shared/ has no I/O.',
            },
          ],
        },
      ],
    },
  },
  ...vendorBoundaries(),
);
