import { defineConfig } from 'drizzle-kit';

/**
 * The PostgreSQL twin of drizzle.config.ts: its own schema (src/db/schema-pg) and its own migrations folder,
 * generated with `npm run db:generate:pg` whenever `npm run db:generate` is run for SQLite.
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema-pg/*.table.ts',
  out: './migrations-pg',
});
