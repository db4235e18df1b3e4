import type { Role } from '../modules/accounts/accounts.models.ts';
import type { ResourceKind } from '../modules/accounts/ownership.repository.ts';
import type { AuditAction } from '../modules/accounts/audit.ts';

/** A request value that names a resource; the central access check resolves who owns it. */
export interface ResourceRef {
  in: 'params' | 'query' | 'body';
  name: string;
  kind: ResourceKind;
}

/** What a route needs from the caller. Declared once per route in the API table or the page table. */
export interface RouteAccess {
  /** Reachable without an account (login, setup, the API documentation). */
  public?: boolean;
  /** Roles allowed; every role when absent. */
  roles?: readonly Role[];
  /**
   * Checks over the whole installation (every organisation's evidence): only administrators of the first
   * organisation, the one that set the service up and runs it.
   */
  operator?: boolean;
  resources?: readonly ResourceRef[];
  /** An HTML page: refusals redirect to the login page or render an error page instead of JSON. */
  page?: boolean;
  /** Login and setup forms carry a CSRF token bound to a pre-session cookie instead of a session. */
  preSessionCsrf?: boolean;
  /** Written to the audit log after a successful answer: the act, and where the subject's id is. */
  audit?: { action: AuditAction; subjectType: string; from: Pick<ResourceRef, 'in' | 'name'> };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/** `GET /api/people/:id` — the key both tables use. HEAD is answered like GET. */
export const routeKey = (method: string, url: string): string => `${method === 'HEAD' ? 'GET' : method.toUpperCase()} ${url}`;

export const isWriteMethod = (method: string): boolean => !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
