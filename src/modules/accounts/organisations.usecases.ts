import { transaction } from '../../db/transaction.ts';
import type { AccountRow } from './accounts.repository.ts';
import { normaliseEmail, passwordProblem, type Actor } from './accounts.models.ts';
import { findOrganisation, organisationNameProblem, organisationSlug } from './organisations.models.ts';
import { setupFirstAdmin, type AccountsDeps } from './accounts.usecases.ts';
import { hashPassword } from './passwords.ts';
import { audit } from './audit.ts';
import {
  createEmailTakenError, createInvalidAccountError, createInvalidEmailError, createOrganisationAmbiguousError, createOrganisationNameTakenError,
  createOrganisationNotFoundError, createWeakPasswordError,
} from './accounts.errors.ts';

export interface OrganisationSummary {
  id: string;
  name: string;
  slug: string;
  createdAt: Date;
  accounts: number;
  administrators: number;
  people: number;
}

/** Every organisation with its handle and counts (never anything about the people in it). */
export async function listOrganisations(deps: Pick<AccountsDeps, 'accounts'>): Promise<OrganisationSummary[]> {
  return (await deps.accounts.listOrganisations()).map((o) => ({ ...o, slug: organisationSlug(o.name) }));
}

/** The organisation a CLI flag or form names, by id or handle; `organisations.not_found` otherwise. */
export async function resolveOrganisation(deps: Pick<AccountsDeps, 'accounts'>, ref: string): Promise<OrganisationSummary> {
  const found = findOrganisation(await listOrganisations(deps), ref);
  if (!found) throw createOrganisationNotFoundError();
  return found;
}

/**
 * The organisation a command names with --organisation (id or handle), or the only one there is; with
 * several and none named, `organisations.choose` listing their handles. Null when there is none yet.
 */
export async function chooseOrganisation(deps: Pick<AccountsDeps, 'accounts'>, ref: string | undefined): Promise<OrganisationSummary | null> {
  if (ref) return resolveOrganisation(deps, ref);
  const organisations = await listOrganisations(deps);
  if (organisations.length > 1) throw createOrganisationAmbiguousError(organisations.map((o) => o.slug));
  return organisations[0] ?? null;
}

async function checkedCredentials(email: string, password: string): Promise<{ email: string; passwordHash: string }> {
  const normalised = normaliseEmail(email);
  if (!normalised) throw createInvalidEmailError();
  const problem = passwordProblem(password);
  if (problem) throw createWeakPasswordError(problem);
  return { email: normalised, passwordHash: await hashPassword(password) };
}

/**
 * A new organisation and its first administrator, together or not at all. On an installation without any
 * account this is the first setup: the organisation made before (the demo person, people added by the
 * CLI) is kept under the new name, and its administrator becomes the operator.
 * `by` is the operator who asked on the dashboard, or null for the command line.
 */
export async function createOrganisationWithAdmin(
  deps: AccountsDeps,
  args: { name: string; adminEmail: string; password: string; by: Actor | null },
): Promise<{ organisation: OrganisationSummary; account: AccountRow }> {
  const name = args.name.trim();
  const nameProblem = organisationNameProblem(name);
  if (nameProblem) throw createInvalidAccountError(nameProblem);
  if (await deps.accounts.countAccounts() === 0) {
    const account = await setupFirstAdmin(deps, { organisationName: name, email: args.adminEmail, password: args.password });
    return { organisation: await resolveOrganisation(deps, account.organisationId), account };
  }
  const { email, passwordHash } = await checkedCredentials(args.adminEmail, args.password);
  // Checked inside the transaction, after the slow hash: two requests at once must not make two of a name.
  const account = await transaction(deps.db, async () => {
    if (await deps.accounts.findByEmail(email)) throw createEmailTakenError();
    if ((await listOrganisations(deps)).some((o) => o.slug === organisationSlug(name))) throw createOrganisationNameTakenError();
    const organisationId = await deps.accounts.createOrganisation(name);
    const created = await deps.accounts.createAccount({ organisationId, email, passwordHash, role: 'admin', displayName: email.split('@')[0]!, language: deps.settings.defaultLanguage });
    // One entry where the operator reads their log, one where the new organisation's administrators read theirs.
    if (args.by) await audit(deps, { actor: args.by, action: 'organisation_created', subject: { type: 'organisation', id: organisationId } });
    await audit(deps, { actor: { accountId: args.by?.accountId ?? null, organisationId }, action: 'account_created', subject: { type: 'account', id: created.id }, detail: { role: 'admin', via: args.by ? 'operator' : 'cli' } });
    return created;
  });
  return { organisation: await resolveOrganisation(deps, account.organisationId), account };
}

/**
 * An administrator from the command line: the first one (as /setup does, `organisation` then names the
 * new organisation), or another one in the organisation named by id or handle. Without a name it joins
 * the only organisation there is; with several, it refuses and lists their handles.
 */
export async function createAdministrator(deps: AccountsDeps, args: { email: string; password: string; organisation?: string }): Promise<AccountRow> {
  if (await deps.accounts.countAccounts() === 0) {
    const named = args.organisation ? findOrganisation(await listOrganisations(deps), args.organisation) : null;
    return setupFirstAdmin(deps, { organisationName: named?.name ?? args.organisation ?? 'My organisation', email: args.email, password: args.password });
  }
  const organisation = await chooseOrganisation(deps, args.organisation);
  if (!organisation) throw createOrganisationNotFoundError();
  const { email, passwordHash } = await checkedCredentials(args.email, args.password);
  return transaction(deps.db, async () => {
    if (await deps.accounts.findByEmail(email)) throw createEmailTakenError();
    const account = await deps.accounts.createAccount({ organisationId: organisation.id, email, passwordHash, role: 'admin', displayName: email.split('@')[0]!, language: deps.settings.defaultLanguage });
    await audit(deps, { actor: { accountId: null, organisationId: organisation.id }, action: 'account_created', subject: { type: 'account', id: account.id }, detail: { role: 'admin', via: 'cli' } });
    return account;
  });
}
