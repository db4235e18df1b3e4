import { randomBytes } from 'node:crypto';
import { isAppError } from '../../shared/errors.ts';
import { normaliseEmail, passwordProblem } from '../../modules/accounts/accounts.models.ts';
import { exitCodes, type CliCommand } from '../cli.types.ts';

/** Reads the password from standard input (a pipe or a file), up to the first line break. */
async function readPassword(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += chunk.toString();
    if (text.includes('\n') || text.length > 4096) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/**
 * The first administrator from the command line (the same as the /setup page), or another administrator
 * of the first organisation when accounts exist already: a way back in for whoever runs the server.
 */
export const createAdminCommand: CliCommand = {
  name: 'create-admin',
  usage: 'create-admin --email EMAIL [--password-stdin] [--organisation NAME] [--json]',
  summary: 'Create an administrator account. Without --password-stdin a strong password is generated and printed once.',
  options: { email: { type: 'string' }, 'password-stdin': { type: 'boolean' }, organisation: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    const email = normaliseEmail(String(values.email ?? ''));
    if (!email) {
      io.stderr.write('Give the administrator\'s email with --email.\n');
      return exitCodes.usage;
    }
    const stdin = (io as { stdin?: NodeJS.ReadableStream }).stdin ?? process.stdin;
    const generated = values['password-stdin'] ? null : randomBytes(18).toString('base64url');
    const password = generated ?? (await readPassword(stdin));
    const problem = passwordProblem(password);
    if (problem) {
      io.stderr.write(problem === 'too_short' ? 'The password needs at least 12 characters.\n' : 'The password is too long.\n');
      return exitCodes.usage;
    }
    const [{ loadConfig }, { accountsSettingsOf }, { closeDatabase, openDatabase, runMigrations }, { systemClock }, { createLogger }, { createAccountsDeps, setupFirstAdmin }, { hashPassword }, { audit }] = await Promise.all([
      import('../../config/config.ts'), import('../../config/accounts.settings.ts'), import('../../db/client.ts'), import('../../shared/clock.ts'), import('../../shared/logger.ts'),
      import('../../modules/accounts/accounts.usecases.ts'), import('../../modules/accounts/passwords.ts'), import('../../modules/accounts/audit.ts'),
    ]);
    const config = loadConfig(io.env, { cwd: io.cwd });
    const db = openDatabase(config.databaseFile);
    try {
      runMigrations(db);
      const accounts = createAccountsDeps({ db, clock: systemClock, logger: createLogger({ level: 'silent' }), settings: accountsSettingsOf(config) });
      let account;
      if (accounts.accounts.countAccounts() === 0) {
        account = await setupFirstAdmin(accounts, { organisationName: String(values.organisation ?? 'My organisation'), email, password });
      } else {
        if (accounts.accounts.findByEmail(email)) {
          io.stderr.write('An account with this email already exists.\n');
          return exitCodes.dataError;
        }
        const organisationId = db.$client.prepare('select id from organisations order by created_at limit 1').pluck().get() as string;
        account = accounts.accounts.createAccount({ organisationId, email, passwordHash: await hashPassword(password), role: 'admin', displayName: email.split('@')[0]! });
        audit(accounts, { actor: { accountId: null, organisationId }, action: 'account_created', subject: { type: 'account', id: account.id }, detail: { role: 'admin', via: 'cli' } });
      }
      if (values.json) io.stdout.write(`${JSON.stringify({ accountId: account.id, email: account.email, organisationId: account.organisationId, ...(generated ? { password: generated } : {}) })}\n`);
      else io.stdout.write(`Administrator ${account.email} created.${generated ? `\nPassword (shown once, store it safely): ${generated}` : ''}\nLog in at ${config.publicUrl}/login\n`);
      return exitCodes.ok;
    } catch (error) {
      if (isAppError(error)) {
        io.stderr.write(`${error.message}\n`);
        return exitCodes.dataError;
      }
      throw error;
    } finally {
      closeDatabase(db);
    }
  },
};
