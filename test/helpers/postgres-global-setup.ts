import type { TestProject } from 'vitest/node';
import { startThrowAwayPostgres } from './postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The superuser URL of the run's throw-away PostgreSQL server; each test database is created on it. */
    postgresUrl: string;
  }
}

/**
 * One throw-away PostgreSQL server for the whole `postgres` test project (starting one takes a few seconds);
 * every test app gets a database of its own on it (test/helpers/test-database.ts), dropped when it closes.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startThrowAwayPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
