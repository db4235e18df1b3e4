import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const checkout = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Each dialect's migrations must already hold its schema: a table edit without `npm run db:generate` (SQLite) or
 * `npm run db:generate:pg` (PostgreSQL) would leave that database without the change. drizzle-kit is asked to
 * generate into a copy of the folder; it must find nothing to add.
 */
describe.each([
  { dialect: 'sqlite', schema: './src/db/schema/*.table.ts', folder: 'migrations', command: 'npm run db:generate' },
  { dialect: 'postgresql', schema: './src/db/schema-pg/index.ts', folder: 'migrations-pg', command: 'npm run db:generate:pg' },
])('the $folder folder', ({ dialect, schema, folder, command }) => {
  it(`holds every change of the ${dialect} schema (nothing left for ${command} to generate)`, async () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'es-migrations-'));
    try {
      fs.cpSync(path.join(checkout, folder), copy, { recursive: true });
      const before = fs.readdirSync(copy).sort();
      // drizzle-kit reads --out relative to the working directory, even an absolute path.
      const out = path.relative(checkout, copy);
      const { stdout } = await run(path.join(checkout, 'node_modules/.bin/drizzle-kit'), ['generate', '--dialect', dialect, '--schema', schema, '--out', out], { cwd: checkout, timeout: 60_000 });
      expect(fs.readdirSync(copy).sort(), `${command} has not been run after a schema change`).toEqual(before);
      expect(stdout).toContain('No schema changes');
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
