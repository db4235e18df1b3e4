/**
 * The PostgreSQL schema: the same tables, columns, keys and indexes as src/db/schema (SQLite), with the same JS
 * property names and stored values (see columns.ts). A change to one dialect's schema is made to both, and
 * migrations are generated for both (`npm run db:generate`, `npm run db:generate:pg`);
 * test/unit/db/schema-parity.test.ts fails when they differ.
 */
export * from './accounts.table.ts';
export * from './people.table.ts';
export * from './jobs.table.ts';
export * from './scans.table.ts';
export * from './hits.table.ts';
export * from './alerts.table.ts';
export * from './unchecked.table.ts';
export * from './settings.table.ts';
export * from './impersonation.table.ts';
export * from './upgrade-steps.table.ts';
export * from './coordination.table.ts';
