import { exitCodes, type CliCommand } from '../cli.types.ts';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: 'migrate [--json]',
  summary: 'Create or upgrade the database under DATA_DIR (the service also does this at start).',
  options: { json: { type: 'boolean' } },
  async run({ values }, io) {
    const [{ loadConfig }, { closeAnyDatabase, countPendingMigrationsOf, describeDatabase, migrateDatabase, openConfiguredDatabase }] = await Promise.all([import('../../config/config.ts'), import('../../db/database.ts')]);
    const config = loadConfig(io.env, { cwd: io.cwd });
    const db = await openConfiguredDatabase(config);
    try {
      const pending = await countPendingMigrationsOf(db);
      await migrateDatabase(db);
      if (values.json) io.stdout.write(`${JSON.stringify({ database: describeDatabase(config), applied: pending })}\n`);
      else io.stdout.write(`Applied ${pending} migration(s). Database is up to date: ${describeDatabase(config)}\n`);
      return exitCodes.ok;
    } finally {
      await closeAnyDatabase(db);
    }
  },
};
