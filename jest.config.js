// One jest run for every workspace, tests by kind: unit specs beside the code (no
// database; `npm run test:unit` runs only them, see jest.unit.config.js), API tests
// that boot the app in-process on a real PostgreSQL (test/api), integration tests that
// run processes and tools of their own (test/integration: server processes, dnf, rpm,
// PostgreSQL restarts) and browser tests in Chromium (test/browser). Native ESM
// (NestJS 12 ships only ESM), so `npm test` starts node with --experimental-vm-modules;
// @swc/jest compiles TypeScript with decorator metadata and leaves `import` as is.
const common = {
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: { '^.+\\.tsx?$': ['@swc/jest'] },
  moduleNameMapper: {
    '^@fleetlab/shared$': '<rootDir>/../shared/src/index.ts',
    '^@fleetlab/shared/domain$': '<rootDir>/../shared/src/domain/index.ts',
    '^@fleetlab/simulator$': '<rootDir>/../simulator/src/index.ts',
    '^@fleetlab/server/(.*)\\.js$': '<rootDir>/../server/src/$1',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};

/** Unit specs: pure code and what runs without a database. */
export const UNIT_PROJECTS = [
  {
    ...common,
    displayName: 'shared',
    rootDir: 'shared',
    testMatch: ['<rootDir>/src/**/*.spec.ts'],
  },
  {
    ...common,
    displayName: 'server',
    rootDir: 'server',
    testMatch: ['<rootDir>/src/**/*.spec.ts'],
  },
  {
    ...common,
    displayName: 'agent',
    rootDir: 'agent',
    testMatch: ['<rootDir>/src/**/*.spec.ts'],
  },
  {
    ...common,
    displayName: 'simulator',
    rootDir: 'simulator',
    testMatch: ['<rootDir>/src/**/*.spec.ts'],
  },
  {
    ...common,
    displayName: 'client',
    rootDir: 'client',
    testMatch: ['<rootDir>/src/**/*.spec.ts'],
  },
];

export default {
  projects: [
    ...UNIT_PROJECTS,
    { ...common, displayName: 'api', rootDir: 'test', testMatch: ['<rootDir>/api/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      rootDir: 'test',
      testMatch: ['<rootDir>/integration/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'browser',
      rootDir: 'test',
      testMatch: ['<rootDir>/browser/**/*.test.ts'],
    },
  ],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 60000,
};
