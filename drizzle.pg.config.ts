import { defineConfig } from 'drizzle-kit';

/**
 * The PostgreSQL twin of drizzle.config.ts: its own schema (src/db/schema-pg, whose index derives every table from
 * the SQLite schema) and its own migrations folder, generated with `npm run db:generate:pg` whenever
 * `npm run db:generate` is run for SQLite.
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema-pg/index.ts',
  out: './migrations-pg',
});
