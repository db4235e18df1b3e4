import { isAppError } from '../shared/errors.ts';
import type { AccountsDeps } from '../modules/accounts/accounts.usecases.ts';
import type { Config } from '../config/config.ts';
import { exitCodes, type CliIo } from './cli.types.ts';
import { newAccountPassword } from './password-input.ts';

/**
 * The frame the account-making commands share: the new password (stdin or generated), the database opened and
 * migrated, the accounts module with a silent logger (nothing about the new account reaches a log), refusals
 * printed as `error <code>: <message>` with the data-error exit code, and the database closed whatever happens.
 * Modules load only when the command runs, so `--help` stays fast.
 */
export async function runAccountsCommand(
  io: CliIo,
  fromStdin: boolean,
  work: (args: { accounts: AccountsDeps; config: Config; password: string; generated: string | null }) => Promise<void>,
): Promise<number> {
  const secret = await newAccountPassword(io, fromStdin);
  if ('problem' in secret) {
    io.stderr.write(`${secret.problem}\n`);
    return exitCodes.usage;
  }
  const [{ loadConfig }, { accountsSettingsOf }, { closeAnyDatabase, migrateDatabase, openConfiguredDatabase }, { systemClock }, { createLogger }, { createAccountsDeps }] = await Promise.all([
    import('../config/config.ts'), import('../config/accounts.settings.ts'), import('../db/database.ts'), import('../shared/clock.ts'), import('../shared/logger.ts'),
    import('../modules/accounts/accounts.usecases.ts'),
  ]);
  const config = loadConfig(io.env, { cwd: io.cwd });
  const db = await openConfiguredDatabase(config);
  try {
    await migrateDatabase(db);
    const accounts = createAccountsDeps({ db, clock: systemClock, logger: createLogger({ level: 'silent' }), settings: accountsSettingsOf(config) });
    await work({ accounts, config, password: secret.password, generated: secret.generated });
    return exitCodes.ok;
  } catch (error) {
    if (isAppError(error)) {
      io.stderr.write(`error ${error.code}: ${error.message}\n`);
      return exitCodes.dataError;
    }
    throw error;
  } finally {
    await closeAnyDatabase(db);
  }
}
