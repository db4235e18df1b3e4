import type { ResourceRef, RouteAccess } from '../route-access.ts';
import { routeKey } from '../route-access.ts';

export interface PageRouteSpec {
  method: 'GET' | 'POST';
  path: string;
  access: RouteAccess;
}

const person: ResourceRef = { in: 'params', name: 'id', kind: 'person' };
const hit: ResourceRef = { in: 'params', name: 'id', kind: 'hit' };
const staff = ['admin', 'caseworker'] as const;
const page = (method: PageRouteSpec['method'], path: string, access: Omit<RouteAccess, 'page'> = {}): PageRouteSpec => ({ method, path, access: { ...access, page: true } });

/**
 * Every dashboard page and form, with the same kind of access rule as the API table. The central access
 * check reads these; the access-matrix test walks them.
 */
export const pageRoutes: PageRouteSpec[] = [
  page('GET', '/setup', { public: true }),
  page('POST', '/setup', { public: true, preSessionCsrf: true }),
  page('GET', '/login', { public: true }),
  page('POST', '/login', { public: true, preSessionCsrf: true }),
  page('POST', '/logout'),
  page('GET', '/'),
  page('GET', '/overview'),
  page('POST', '/engines/resume', { roles: ['admin'], operator: true, audit: { action: 'engine_resumed', subjectType: 'engine', from: { in: 'body', name: 'id' } } }),
  page('GET', '/people', { roles: staff }),
  page('POST', '/people', { roles: staff }),
  page('GET', '/people/:id', { resources: [person] }),
  page('POST', '/people/:id/profile', { resources: [person] }),
  page('POST', '/people/:id/schedule', { resources: [person] }),
  page('POST', '/people/:id/scan', { resources: [person], audit: { action: 'scan_started', subjectType: 'person', from: person } }),
  page('POST', '/people/:id/wipe', { resources: [person] }),
  page('POST', '/people/:id/photos/:photoId/consent', { resources: [person, { in: 'params', name: 'photoId', kind: 'photo' }] }),
  page('GET', '/exposures', { resources: [{ in: 'query', name: 'personId', kind: 'person' }] }),
  page('GET', '/exposures/:id', { resources: [hit], audit: { action: 'viewed', subjectType: 'hit', from: hit } }),
  page('POST', '/exposures/:id/reveal', { resources: [hit], audit: { action: 'revealed', subjectType: 'hit', from: hit } }),
  page('POST', '/exposures/:id/case', { resources: [hit] }),
  page('POST', '/exposures/:id/status', { resources: [hit], audit: { action: 'status_changed', subjectType: 'hit', from: hit } }),
  page('POST', '/exposures/:id/send', { resources: [hit], audit: { action: 'sent', subjectType: 'hit', from: hit } }),
  page('GET', '/scans'),
  page('POST', '/scans', { resources: [{ in: 'body', name: 'personId', kind: 'person' }] }),
  page('GET', '/scans/:id', { resources: [{ in: 'params', name: 'id', kind: 'scan' }] }),
  page('GET', '/settings', { roles: ['admin'] }),
  page('POST', '/settings/accounts', { roles: ['admin'], resources: [{ in: 'body', name: 'personId', kind: 'person' }] }),
  // Service settings (mail, sender, engines, proxies, schedules): saved and applied at once, audited by key.
  page('POST', '/settings/service', { roles: ['admin'] }),
  page('POST', '/settings/mail/test', { roles: ['admin'] }),
  page('POST', '/settings/assignments', { roles: ['admin'], resources: [{ in: 'body', name: 'accountId', kind: 'account' }, { in: 'body', name: 'personId', kind: 'person' }] }),
  // Guidance is for everyone signed in; an exposure named in the query is checked like any hit.
  page('GET', '/guidance', { resources: [{ in: 'query', name: 'exposure', kind: 'hit' }] }),
  page('GET', '/guidance/doxxing', { resources: [{ in: 'query', name: 'exposure', kind: 'hit' }] }),
  page('GET', '/guidance/sextortion', { resources: [{ in: 'query', name: 'exposure', kind: 'hit' }] }),
  page('GET', '/guidance/intimate-images', { resources: [{ in: 'query', name: 'exposure', kind: 'hit' }] }),
  // The operator's list of organisations: names and counts only, no one's personal data.
  page('GET', '/operator/organisations', { roles: ['admin'], operator: true }),
  page('POST', '/operator/organisations', { roles: ['admin'], operator: true }),
  page('GET', '/account'),
  page('POST', '/account/language'),
  page('POST', '/account/tokens'),
  page('POST', '/account/tokens/:id/revoke', { resources: [{ in: 'params', name: 'id', kind: 'token' }] }),
];

export const pageAccess: ReadonlyMap<string, RouteAccess> = new Map(pageRoutes.map((r) => [routeKey(r.method, r.path), r.access]));
