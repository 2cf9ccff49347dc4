// Three tiers, chosen by file suffix: *.spec.ts (unit), *.int-spec.ts (database), *.e2e-spec.ts (HTTP).
const common = {
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^#libs/(.*)$': '<rootDir>/libs/$1/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^content-disposition$': '<rootDir>/test/support/content-disposition.cjs',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

export default {
  testTimeout: 60000,
  // On a PostgreSQL server the database suites run one at a time: the fault, fence and multi-process tests share
  // the server and would see each other's sessions. Each PGlite suite has a database of its own in its process,
  // so there two run side by side (half the pass's time on two cores). The HTTP suites set their own count.
  ...(process.env.DATABASE_URL ? {} : { maxWorkers: 2 }),
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/**/*.int-spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
    },
  ],
};
