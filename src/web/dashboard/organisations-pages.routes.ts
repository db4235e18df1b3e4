import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createOrganisationWithAdmin, listOrganisations } from '../../modules/accounts/organisations.usecases.ts';
import { renderOrganisationsView, type OrganisationsData } from '../views/pages/organisations.page.ts';
import { errorMessage, formValues, sendPage, viewContext, type PageDeps } from './page-kit.ts';

// Organisations are read and created through the server's accounts (app.accountsDeps), not the application's deps.
export type OrganisationPagesDeps = PageDeps;

/** The operator's organisations page (the page table restricts it to administrators of the first organisation). */
export function registerOrganisationPages(app: FastifyInstance, deps: OrganisationPagesDeps): void {
  const accounts = app.accountsDeps;
  const render = async (request: FastifyRequest, reply: FastifyReply, extra: Omit<OrganisationsData, 'organisations'> = {}, status = 200) =>
    sendPage(reply, renderOrganisationsView(await viewContext(request, deps), { organisations: await listOrganisations(accounts), ...extra }), status);

  app.get('/operator/organisations', async (request, reply) => render(request, reply));

  app.post('/operator/organisations', async (request, reply) => {
    const form = formValues(request.body);
    // Generated, never chosen here: the operator hands it over once and the administrator changes nothing
    // they would have to tell the operator.
    const password = randomBytes(18).toString('base64url');
    try {
      const { organisation, account } = await createOrganisationWithAdmin(accounts, { name: form.name ?? '', adminEmail: form.adminEmail ?? '', password, by: request.actor! });
      return render(request, reply, { created: { name: organisation.name, slug: organisation.slug, email: account.email, password } });
    } catch (error) {
      return render(request, reply, { form: { name: form.name, adminEmail: form.adminEmail }, error: errorMessage(await viewContext(request, deps), error) }, 400);
    }
  });
}
