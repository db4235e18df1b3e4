import fs from 'node:fs';
import path from 'node:path';
import { exitCodes, type CliCommand } from '../cli.types.ts';

/** A worker heartbeat newer than this says the service still runs on the SQLite file. */
const RUNNING_WITHIN_MS = 2 * 60_000;

/**
 * Moves an installation from its SQLite file to the PostgreSQL database DATABASE_URL names: migrates both, copies
 * every row in one transaction into the (empty) target, and checks each table's count. The evidence files and the
 * key stay where they are; `evidence verify` then checks them against the new database.
 */
export const migrateToPostgresCommand: CliCommand = {
  name: 'migrate-to-postgres',
  usage: 'migrate-to-postgres [--from FILE] [--force] [--json]',
  summary: 'Copy the SQLite database (DATA_DIR, or --from FILE) into the empty PostgreSQL database named by DATABASE_URL. Stop the service first.',
  options: { from: { type: 'string' }, force: { type: 'boolean' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    const [{ loadConfig }, { openDatabase, runMigrations, closeDatabase }, database, { copySqliteToPostgres, sqliteServiceRunning }, { hasCompletedStep }, { FIELD_ENCRYPTION_STEP }] = await Promise.all([
      import('../../config/config.ts'), import('../../db/client.ts'), import('../../db/database.ts'), import('../../db/copy-to-postgres.ts'),
      import('../../modules/upgrades/upgrade-steps.repository.ts'), import('../../modules/evidence/field-encryption-upgrade.ts'),
    ]);
    const config = loadConfig(io.env, { cwd: io.cwd });
    if (!config.databaseUrl) {
      io.stderr.write('Set DATABASE_URL to the PostgreSQL database to copy into (postgres://user:password@host:5432/name).\n');
      return exitCodes.usage;
    }
    const from = typeof values.from === 'string' ? path.resolve(io.cwd, values.from) : config.databaseFile;
    if (!fs.existsSync(from)) {
      io.stderr.write(`No SQLite database at ${from}: nothing to copy.\n`);
      return exitCodes.usage;
    }
    const source = openDatabase(from);
    try {
      runMigrations(source);
      // Rows an older version stored in clear are sealed when this version starts on the file (with SQLite's
      // secure_delete, no clear copy stays behind). Sealed on PostgreSQL instead, the clear values would linger in
      // dead rows until a VACUUM: so they are sealed here first.
      if (!(await hasCompletedStep(source, FIELD_ENCRYPTION_STEP))) {
        io.stderr.write('error migrate.source_not_upgraded: this SQLite file has not been opened by this version of the service yet. Start the service once on it (without DATABASE_URL) so that older rows are sealed, stop it, then migrate.\n');
        return exitCodes.dataError;
      }
      if (values.force !== true && (await sqliteServiceRunning(source, new Date(Date.now() - RUNNING_WITHIN_MS)))) {
        io.stderr.write('error migrate.service_running: a worker wrote a heartbeat to this SQLite file in the last two minutes. Stop the service first (rows written during the copy would be lost), or pass --force if it is not running.\n');
        return exitCodes.unavailable;
      }
      const target = await database.openConfiguredDatabase(config);
      try {
        await database.migrateDatabase(target);
        const copied = await copySqliteToPostgres({ source, target, onTable: values.json ? undefined : ({ table, rows }) => io.stdout.write(`  ${table}: ${rows}\n`) });
        const rows = copied.reduce((sum, t) => sum + t.rows, 0);
        const to = database.describeDatabase(config);
        if (values.json) io.stdout.write(`${JSON.stringify({ from, to, rows, tables: Object.fromEntries(copied.map((t) => [t.table, t.rows])) })}\n`);
        else io.stdout.write(`Copied ${rows} row(s) in ${copied.length} tables from ${from} to ${to}.\nStart the service with DATABASE_URL set, and run \`exposure-scanner evidence verify\` to check the evidence against it. The SQLite file was left as it was.\n`);
        return exitCodes.ok;
      } finally {
        await database.closeAnyDatabase(target);
      }
    } finally {
      // Errors (a target holding data, a server that does not answer) are reported by runCli with their code.
      closeDatabase(source);
    }
  },
};
