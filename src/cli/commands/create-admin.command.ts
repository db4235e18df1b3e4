import { isAppError } from '../../shared/errors.ts';
import { normaliseEmail } from '../../modules/accounts/accounts.models.ts';
import { exitCodes, type CliCommand } from '../cli.types.ts';
import { newAccountPassword } from '../password-input.ts';

/**
 * The first administrator from the command line (the same as the /setup page), or another administrator
 * when accounts exist already: a way back in for whoever runs the server. With several organisations,
 * --organisation names which one (by id or handle).
 */
export const createAdminCommand: CliCommand = {
  name: 'create-admin',
  usage: 'create-admin --email EMAIL [--password-stdin] [--organisation ID|HANDLE] [--json]',
  summary: 'Create an administrator account (of the only organisation, or the one named; on a new installation --organisation names it). Without --password-stdin a strong password is generated and printed once.',
  options: { email: { type: 'string' }, 'password-stdin': { type: 'boolean' }, organisation: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    const email = normaliseEmail(String(values.email ?? ''));
    if (!email) {
      io.stderr.write('Give the administrator\'s email with --email.\n');
      return exitCodes.usage;
    }
    const secret = await newAccountPassword(io, values['password-stdin'] === true);
    if ('problem' in secret) {
      io.stderr.write(`${secret.problem}\n`);
      return exitCodes.usage;
    }
    const [{ loadConfig }, { accountsSettingsOf }, { closeDatabase, openDatabase, runMigrations }, { systemClock }, { createLogger }, { createAccountsDeps }, { createAdministrator }] = await Promise.all([
      import('../../config/config.ts'), import('../../config/accounts.settings.ts'), import('../../db/client.ts'), import('../../shared/clock.ts'), import('../../shared/logger.ts'),
      import('../../modules/accounts/accounts.usecases.ts'), import('../../modules/accounts/organisations.usecases.ts'),
    ]);
    const config = loadConfig(io.env, { cwd: io.cwd });
    const db = openDatabase(config.databaseFile);
    try {
      runMigrations(db);
      const accounts = createAccountsDeps({ db, clock: systemClock, logger: createLogger({ level: 'silent' }), settings: accountsSettingsOf(config) });
      const organisation = typeof values.organisation === 'string' ? values.organisation : undefined;
      const account = await createAdministrator(accounts, { email, password: secret.password, organisation });
      const { generated } = secret;
      if (values.json) io.stdout.write(`${JSON.stringify({ accountId: account.id, email: account.email, organisationId: account.organisationId, ...(generated ? { password: generated } : {}) })}\n`);
      else io.stdout.write(`Administrator ${account.email} created.${generated ? `\nPassword (shown once, store it safely): ${generated}` : ''}\nLog in at ${config.publicUrl}/login\n`);
      return exitCodes.ok;
    } catch (error) {
      if (isAppError(error)) {
        io.stderr.write(`error ${error.code}: ${error.message}\n`);
        return exitCodes.dataError;
      }
      throw error;
    } finally {
      closeDatabase(db);
    }
  },
};
