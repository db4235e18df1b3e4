import { normaliseEmail } from '../../modules/accounts/accounts.models.ts';
import { exitCodes, type CliCommand } from '../cli.types.ts';
import { runAccountsCommand } from '../accounts-command.ts';

/**
 * One installation can serve several organisations (a helpline and its partner groups): each sees only its
 * own people. This makes one, with its first administrator, without the browser.
 */
export const createOrganisationCommand: CliCommand = {
  name: 'create-organisation',
  usage: 'create-organisation --name NAME --admin-email EMAIL [--password-stdin] [--json]',
  summary: 'Create an organisation and its first administrator. Without --password-stdin a strong password is generated and printed once.',
  options: { name: { type: 'string' }, 'admin-email': { type: 'string' }, 'password-stdin': { type: 'boolean' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    const name = typeof values.name === 'string' ? values.name.trim() : '';
    if (!name) {
      io.stderr.write('Give the organisation\'s name with --name.\n');
      return exitCodes.usage;
    }
    const email = normaliseEmail(String(values['admin-email'] ?? ''));
    if (!email) {
      io.stderr.write('Give the first administrator\'s email with --admin-email.\n');
      return exitCodes.usage;
    }
    return runAccountsCommand(io, values['password-stdin'] === true, async ({ accounts, config, password, generated }) => {
      const { createOrganisationWithAdmin } = await import('../../modules/accounts/organisations.usecases.ts');
      const { organisation, account } = await createOrganisationWithAdmin(accounts, { name, adminEmail: email, password, by: null });
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ organisationId: organisation.id, name: organisation.name, slug: organisation.slug, accountId: account.id, email: account.email, ...(generated ? { password: generated } : {}) })}\n`);
      } else {
        io.stdout.write(`Organisation "${organisation.name}" created (handle ${organisation.slug}) with administrator ${account.email}.${generated ? `\nPassword (shown once, store it safely): ${generated}` : ''}\nLog in at ${config.publicUrl}/login\n`);
      }
    });
  },
};
