import { exitCodes, type CliCommand } from '../cli.types.ts';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: 'migrate [--json]',
  summary: 'Create or upgrade the database under DATA_DIR (the service also does this at start).',
  options: { json: { type: 'boolean' } },
  async run({ values }, io) {
    const [{ loadConfig }, { closeDatabase, countPendingMigrations, openDatabase, runMigrations }] = await Promise.all([import('../../config/config.ts'), import('../../db/client.ts')]);
    const config = loadConfig(io.env, { cwd: io.cwd });
    const db = openDatabase(config.databaseFile);
    try {
      const pending = countPendingMigrations(db);
      runMigrations(db);
      if (values.json) io.stdout.write(`${JSON.stringify({ database: config.databaseFile, applied: pending })}\n`);
      else io.stdout.write(`Applied ${pending} migration(s). Database is up to date: ${config.databaseFile}\n`);
      return exitCodes.ok;
    } finally {
      closeDatabase(db);
    }
  },
};
