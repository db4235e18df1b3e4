import type { FastifyInstance, InjectOptions } from 'fastify';
import type { AppDeps } from '../../src/app.ts';
import type { Role } from '../../src/modules/accounts/accounts.models.ts';
import { createAccountsRepository } from '../../src/modules/accounts/accounts.repository.ts';
import { createApiTokensRepository } from '../../src/modules/accounts/api-tokens.repository.ts';
import { NO_PASSWORD } from '../../src/modules/accounts/passwords.ts';

export interface TestAccount {
  accountId: string;
  organisationId: string;
  token: string;
  headers: { authorization: string };
}

let counter = 0;

/**
 * An account with an API token, straight in the database (no password hashing: tests stay fast). By
 * default an administrator of the first organisation, where people added without an organisation go.
 */
export async function createTestAccount(app: Pick<AppDeps, 'db' | 'clock' | 'profiles'>, options: { role?: Role; organisationId?: string; personId?: string; assign?: string[]; email?: string } = {}): Promise<TestAccount> {
  const accounts = createAccountsRepository({ db: app.db, clock: app.clock });
  const organisationId = options.organisationId ?? await app.profiles.ensureDefaultOrganisation();
  const role = options.role ?? 'admin';
  const account = await accounts.createAccount({
    organisationId, email: options.email ?? `${role}-${++counter}-${Date.now()}@example.org`, displayName: `${role} ${counter}`, passwordHash: NO_PASSWORD, role,
    personId: options.personId ?? null,
  });
  for (const personId of options.assign ?? []) await accounts.assign(account.id, personId);
  const { token } = await createApiTokensRepository({ db: app.db, clock: app.clock }).create(account.id, 'test');
  return { accountId: account.id, organisationId, token, headers: { authorization: `Bearer ${token}` } };
}

export const createTestAdmin = async (app: Pick<AppDeps, 'db' | 'clock' | 'profiles'>) => await createTestAccount(app, { role: 'admin' });

/** The same server, with every `inject` sent as the given account (its bearer token added to the headers). */
export function injectAs<T extends FastifyInstance>(server: T, account: TestAccount): T {
  return new Proxy(server, {
    get(target, property, receiver) {
      // A fastify instance is thenable (awaiting it waits until it is ready), and an async helper's result
      // that is thenable gets unwrapped into the bare instance, losing this account's headers: not this one.
      if (property === 'then') return undefined;
      if (property === 'inject') {
        return (options: InjectOptions | string) => {
          const opts: InjectOptions = typeof options === 'string' ? { url: options } : options;
          return target.inject({ ...opts, headers: { ...account.headers, ...(opts.headers ?? {}) } });
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Shorthand: an administrator of the first organisation, and the server acting as them. */
export async function asAdmin<T extends FastifyInstance>(server: T, app: Pick<AppDeps, 'db' | 'clock' | 'profiles'>): Promise<T> {
  return injectAs(server, await createTestAdmin(app));
}
