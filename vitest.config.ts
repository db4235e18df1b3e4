import { defineConfig } from 'vitest/config';

/**
 * The tests the PostgreSQL project repeats: everything that reaches the repositories through the job queue and
 * the scan pipeline, and the repositories' own tests. The rest (parsers, pages, CLI) is the same code whatever
 * the dialect, and runs once, on SQLite.
 */
export const postgresTests = ['test/integration/db/**/*.test.ts', 'test/integration/jobs/**/*.test.ts', 'test/integration/scans/**/*.test.ts', 'test/integration/repositories/**/*.test.ts'];

export default defineConfig({
  test: {
    // Browser and subprocess tests share two cores; forks keep native modules (better-sqlite3, sharp) isolated.
    pool: 'forks',
    // Two test files at a time even on two cores: most files wait on Chromium, servers and child processes, and
    // vitest's default (cores - 1) ran the suite one file at a time. Measured: 1,116 s with two against 1,863 s
    // with one on the same loaded machine.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    setupFiles: ['./test/helpers/temp-dirs.setup.ts'],
    projects: [
      // Tests about one dialect only say so in their name: `*.sqlite.test.ts` (its file, its gate, its migrations)
      // and `*.postgres.test.ts` (its transactions and locks, on the run's server).
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: ['**/node_modules/**', '**/*.postgres.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: postgresTests,
          // postgres.test.ts and migrations-in-step.test.ts already check the PostgreSQL schema once, on servers of their own.
          exclude: ['**/node_modules/**', '**/*.sqlite.test.ts', 'test/integration/db/postgres.test.ts', 'test/integration/db/migrations-in-step.test.ts'],
          env: { ES_TEST_DATABASE: 'postgres' },
          globalSetup: ['./test/helpers/postgres-global-setup.ts'],
        },
      },
    ],
  },
});
