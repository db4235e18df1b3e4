import { normaliseEmail } from '../../modules/accounts/accounts.models.ts';
import { exitCodes, type CliCommand } from '../cli.types.ts';
import { runAccountsCommand } from '../accounts-command.ts';

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
    return runAccountsCommand(io, values['password-stdin'] === true, async ({ accounts, config, password, generated }) => {
      const { createAdministrator } = await import('../../modules/accounts/organisations.usecases.ts');
      const organisation = typeof values.organisation === 'string' ? values.organisation : undefined;
      const account = await createAdministrator(accounts, { email, password, organisation });
      if (values.json) io.stdout.write(`${JSON.stringify({ accountId: account.id, email: account.email, organisationId: account.organisationId, ...(generated ? { password: generated } : {}) })}\n`);
      else io.stdout.write(`Administrator ${account.email} created.${generated ? `\nPassword (shown once, store it safely): ${generated}` : ''}\nLog in at ${config.publicUrl}/login\n`);
    });
  },
};
