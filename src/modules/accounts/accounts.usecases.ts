import { transaction } from '../../db/transaction.ts';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Logger } from '../../shared/logger.ts';
import type { AccountsSettings } from '../../config/accounts.settings.ts';
import { UI_LANGUAGES } from '../../config/accounts.settings.ts';
import { createAccountsRepository, type AccountRow, type AccountsRepository } from './accounts.repository.ts';
import { createSessionsRepository, type SessionsRepository } from './sessions.repository.ts';
import { createApiTokensRepository, type ApiTokensRepository } from './api-tokens.repository.ts';
import { createOwnershipRepository, type OwnershipRepository } from './ownership.repository.ts';
import { createLoginLimiter, type LoginLimiter } from './login-limiter.ts';
import { canSeePerson, isRole, normaliseEmail, passwordProblem, type Actor, type Role } from './accounts.models.ts';
import { afterFailure, afterSuccess, isLocked } from './lockout.models.ts';
import { burnVerification, hashPassword, NO_PASSWORD, verifyPassword } from './passwords.ts';
import { audit } from './audit.ts';
import {
  createEmailTakenError, createInvalidAccountError, createInvalidCredentialsError, createInvalidEmailError, createLockedError,
  createSetupDoneError, createWeakPasswordError, createWipeConfirmationError,
} from './accounts.errors.ts';
import { createPersonNotFoundError } from '../profiles/profiles.usecases.ts';

/** Removes a person's evidence files from the vault; connected to the evidence vault by the composition root. */
export type WipePersonEvidence = (personId: string) => Promise<{ filesRemoved: number }>;

export interface AccountsDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  settings: AccountsSettings;
  accounts: AccountsRepository;
  sessions: SessionsRepository;
  tokens: ApiTokensRepository;
  ownership: OwnershipRepository;
  limiter: LoginLimiter;
  /** People's labels are stored sealed (see profiles.repository); this opens one for the wipe confirmation. */
  openLabel: (stored: string) => string;
}

export function createAccountsDeps(args: { db: Db; clock: Clock; logger: Logger; settings: AccountsSettings; openLabel?: (stored: string) => string }): AccountsDeps {
  const { db, clock } = args;
  return {
    ...args,
    openLabel: args.openLabel ?? ((stored) => stored),
    accounts: createAccountsRepository({ db, clock }),
    sessions: createSessionsRepository({ db, clock }),
    tokens: createApiTokensRepository({ db, clock }),
    ownership: createOwnershipRepository({ db }),
    limiter: createLoginLimiter({ maxFailures: args.settings.loginMaxFailures, lockoutMs: args.settings.lockoutMs }),
  };
}

const uiLanguage = (value: string | undefined, fallback: string) => ((UI_LANGUAGES as readonly string[]).includes(value ?? '') ? value! : fallback);

/** The actor an account acts as, with the people it may see resolved now. */
export async function actorFor(deps: Pick<AccountsDeps, 'accounts'>, account: AccountRow, via: Actor['via']): Promise<Actor> {
  const personIds: Actor['personIds'] =
    account.role === 'admin' ? 'all-in-org'
      : account.role === 'caseworker' ? await deps.accounts.assignedPersonIds(account.id, account.organisationId)
        : account.personId ? [account.personId] : [];
  return { accountId: account.id, organisationId: account.organisationId, role: account.role, personIds, via, language: account.language };
}

/** The ids of every person the actor may see (for list routes). */
export async function visiblePersonIds(deps: Pick<AccountsDeps, 'accounts'>, actor: Actor): Promise<string[]> {
  if (actor.personIds !== 'all-in-org') return actor.personIds;
  return await deps.accounts.personIdsInOrganisation(actor.organisationId);
}

async function checkedPasswordHash(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw createWeakPasswordError(problem);
  return hashPassword(password);
}

/**
 * First start: creates the organisation and its first administrator. The organisation that the CLI or
 * the demo may already have made is kept (renamed), so people added before setup stay visible.
 */
export async function setupFirstAdmin(deps: AccountsDeps, args: { organisationName: string; email: string; password: string; displayName?: string; language?: string }): Promise<AccountRow> {
  if (await deps.accounts.countAccounts() > 0) throw createSetupDoneError();
  const email = normaliseEmail(args.email);
  if (!email) throw createInvalidEmailError();
  const name = args.organisationName.trim();
  if (name.length < 1 || name.length > 120) throw createInvalidAccountError('Give the organisation a name of 1 to 120 characters (your own name or a pseudonym is fine).');
  const passwordHash = await checkedPasswordHash(args.password);
  // Checked again after the slow hash: two setup forms sent at once must not make two administrators.
  return transaction(deps.db, async () => {
    if (await deps.accounts.countAccounts() > 0) throw createSetupDoneError();
    const organisationId = await deps.accounts.ensureFirstOrganisation(name);
    const account = await deps.accounts.createAccount({
      organisationId, email, passwordHash, role: 'admin', displayName: args.displayName?.trim() || email.split('@')[0]!, language: uiLanguage(args.language, deps.settings.defaultLanguage),
    });
    await audit(deps, { actor: { accountId: account.id, organisationId }, action: 'setup', subject: { type: 'account', id: account.id } });
    return account;
  });
}

export async function login(deps: AccountsDeps, args: { email: string; password: string; ip: string }): Promise<{ account: AccountRow; token: string; csrfToken: string }> {
  const now = deps.clock.now();
  const email = normaliseEmail(args.email) ?? args.email.trim().toLowerCase().slice(0, 320);
  if (deps.limiter.addressBlocked(args.ip, now)) throw createLockedError();
  const account = await deps.accounts.findByEmail(email);
  if (!account || account.disabled) {
    if (deps.limiter.unknownEmailLocked(email, now)) throw createLockedError();
    await burnVerification(args.password);
    deps.limiter.unknownEmailFailed(email, now);
    deps.limiter.addressFailed(args.ip, now);
    throw createInvalidCredentialsError();
  }
  if (isLocked(account, now)) throw createLockedError();
  if (!(await verifyPassword(account.passwordHash, args.password))) {
    await deps.accounts.setLockState(account.id, afterFailure(account, now, { maxFailures: deps.settings.loginMaxFailures, lockoutMs: deps.settings.lockoutMs }));
    deps.limiter.addressFailed(args.ip, now);
    await audit(deps, { actor: { accountId: account.id, organisationId: account.organisationId }, action: 'login_failed', subject: { type: 'account', id: account.id } });
    throw createInvalidCredentialsError();
  }
  await deps.accounts.setLockState(account.id, afterSuccess());
  const session = await deps.sessions.create(account.id, deps.settings.sessionIdleMs);
  await audit(deps, { actor: { accountId: account.id, organisationId: account.organisationId }, action: 'login', subject: { type: 'account', id: account.id } });
  return { account, ...session };
}

export async function logout(deps: AccountsDeps, actor: Actor, sessionToken: string | undefined): Promise<void> {
  if (sessionToken) await deps.sessions.delete(sessionToken);
  await audit(deps, { actor, action: 'logout', subject: { type: 'account', id: actor.accountId } });
}

export interface NewAccount {
  email: string;
  password?: string;
  role: string;
  displayName?: string;
  language?: string;
  /** For a person account: the person it is. For a caseworker: the people assigned at once. */
  personId?: string;
  personIds?: string[];
}

/** An administrator adds an account in their own organisation; every person named must be in it too. */
export async function createAccount(deps: AccountsDeps, actor: Actor, input: NewAccount): Promise<AccountRow> {
  const email = normaliseEmail(input.email);
  if (!email) throw createInvalidEmailError();
  if (!isRole(input.role)) throw createInvalidAccountError('The role must be admin, caseworker or person.');
  const role: Role = input.role;
  if (await deps.accounts.findByEmail(email)) throw createEmailTakenError();
  const named = [...(input.personId ? [input.personId] : []), ...(input.personIds ?? [])];
  for (const personId of named) await requireVisiblePerson(deps, actor, personId);
  if (role === 'person' && !input.personId) throw createInvalidAccountError('A person account needs the person it belongs to.');
  const passwordHash = input.password ? await checkedPasswordHash(input.password) : NO_PASSWORD;
  const account = await deps.accounts.createAccount({
    organisationId: actor.organisationId, email, passwordHash, role, personId: role === 'person' ? input.personId! : null,
    displayName: input.displayName?.trim() || email.split('@')[0]!, language: uiLanguage(input.language, deps.settings.defaultLanguage),
  });
  if (role === 'caseworker') for (const personId of named) await deps.accounts.assign(account.id, personId);
  await audit(deps, { actor, action: 'account_created', subject: { type: 'account', id: account.id }, detail: { role } });
  return account;
}

export async function requireVisiblePerson(deps: Pick<AccountsDeps, 'ownership'>, actor: Actor, personId: string) {
  const person = await deps.ownership.personRecord(personId);
  if (!person || !canSeePerson(actor, person)) throw createPersonNotFoundError();
  return person;
}

export async function setAssignment(deps: AccountsDeps, actor: Actor, args: { accountId: string; personId: string; assigned: boolean }): Promise<void> {
  const account = await deps.accounts.get(args.accountId);
  if (!account || account.organisationId !== actor.organisationId) throw createInvalidAccountError('No such account in this organisation.');
  if (account.role !== 'caseworker') throw createInvalidAccountError('Only caseworkers have assignments.');
  await requireVisiblePerson(deps, actor, args.personId);
  if (args.assigned) await deps.accounts.assign(account.id, args.personId);
  else await deps.accounts.unassign(account.id, args.personId);
  await audit(deps, { actor, action: args.assigned ? 'assigned' : 'unassigned', subject: { type: 'person', id: args.personId }, detail: { accountId: account.id } });
}

/**
 * Removes everything about one person: the evidence files first (they are found through the rows), then
 * the person's row, which takes identifiers, photos, hits, captures, cases, alerts and scans with it.
 * The audit entry keeps only the ids.
 */
export async function wipePerson(deps: AccountsDeps, actor: Actor, args: { personId: string; confirmLabel: string; wipePersonEvidence: WipePersonEvidence }): Promise<{ filesRemoved: number }> {
  const person = await requireVisiblePerson(deps, actor, args.personId);
  if (args.confirmLabel.trim() !== deps.openLabel(person.label).trim()) throw createWipeConfirmationError();
  const { filesRemoved } = await args.wipePersonEvidence(person.id);
  await transaction(deps.db, async () => {
    await deps.ownership.deletePerson(person.id);
    await audit(deps, { actor, action: 'wiped', subject: { type: 'person', id: person.id }, detail: { filesRemoved } });
  });
  deps.logger.info({ personId: person.id, filesRemoved }, 'person wiped');
  return { filesRemoved };
}
