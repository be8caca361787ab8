// One Jest config for the TypeScript workspaces; each workspace is a project so `--selectProjects`
// runs one of them. Sources are ESM TypeScript; SWC turns them into CommonJS for Jest, which is the
// combination verified to run @hubspot/ui-extensions/testing (see PLATFORM.md).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      target: 'es2023',
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(m?[tj]sx?)$': swc },
  transformIgnorePatterns: [
    '/node_modules/(?!(double-metaphone|@hubspot/ui-extensions|@remote-ui|tinyspy|nock|@mswjs|@open-draft|outvariant|strict-event-emitter|is-node-process|headers-polyfill|rettime|@seriousme)/)',
  ],
  moduleNameMapper: {
    '^@entente/shared/(.*)$': '<rootDir>/../shared/src/$1/index.ts',
    '^@entente/server/(.*)$': '<rootDir>/../server/src/$1',
    '^@entente/test/crm-sim$': '<rootDir>/../test/crm-sim/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  setupFiles: ['<rootDir>/../jest.setup.cjs'],
};

const path = require('node:path');
const at = (dir) => path.join(__dirname, dir);

module.exports = {
  // Store-backed tests open a database in their hooks; on a busy 2-core machine that can take
  // seconds, so hooks and tests get a generous ceiling (tests assert behaviour, not speed).
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'shared', rootDir: at('shared'), testMatch: ['<rootDir>/src/**/*.test.ts'] },
    { ...common, displayName: 'server', rootDir: at('server'), testMatch: ['<rootDir>/src/**/*.test.ts'] },
    { ...common, displayName: 'test', rootDir: at('test'), testMatch: ['<rootDir>/**/*.test.ts'] },
    {
      ...common,
      displayName: 'hubspot-app',
      rootDir: at('hubspot-app'),
      testMatch: ['<rootDir>/src/**/*.test.ts?(x)'],
    },
  ],
};
