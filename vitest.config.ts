import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser and subprocess tests share two cores; forks keep native modules (better-sqlite3, sharp) isolated.
    pool: 'forks',
    // Two test files at a time even on two cores: most files wait on Chromium, servers and child processes, and
    // vitest's default (cores - 1) ran the suite one file at a time. Measured: 1,116 s with two against 1,863 s
    // with one on the same loaded machine.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
