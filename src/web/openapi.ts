import type { RouteAccess } from './route-access.ts';

type Schema = Record<string, unknown>;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ApiRouteSpec {
  method: Method;
  /** In fastify's syntax (`/api/people/:id`); the document shows it as `/api/people/{id}`. */
  path: string;
  tag: string;
  summary: string;
  access: RouteAccess;
  query?: Record<string, Schema>;
  body?: Schema;
  responses: Record<string, { description: string; schema?: Schema; contentType?: string }>;
}

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const arrayOf = (item: Schema): Schema => ({ type: 'array', items: item });
const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({ type: 'object', properties, ...(required.length ? { required } : {}) });
const str: Schema = { type: 'string' };
const bool: Schema = { type: 'boolean' };
const int: Schema = { type: 'integer' };
const time: Schema = { type: ['string', 'null'], format: 'date-time' };
const lang: Schema = { type: 'string', enum: ['en', 'nl', 'fr', 'de'] };
const severity: Schema = { type: 'string', enum: ['low', 'medium', 'high', 'critical'] };

const ok = (schema: Schema, description = 'Done.') => ({ '200': { description, schema } });
const json = (schema: Schema) => ({ description: 'Done.', schema });
const problems = { '400': { description: 'The request is not valid.', schema: ref('Error') }, '404': { description: 'No such resource, or not visible to this account.', schema: ref('Error') } };

const person = (name = 'id') => ({ in: 'params', name, kind: 'person' }) as const;
const hit = { in: 'params', name: 'id', kind: 'hit' } as const;
const kase = { in: 'params', name: 'id', kind: 'case' } as const;
const photo = { in: 'params', name: 'photoId', kind: 'photo' } as const;
const admin = ['admin'] as const;
const staff = ['admin', 'caseworker'] as const;

/**
 * Every /api route, in one table: the OpenAPI document and the documentation page are built from it, and
 * the central access check reads each route's `access` from it. A route registered under /api without an
 * entry here stops the server at start, so nothing is reachable without a declared rule.
 */
export const apiRoutes: ApiRouteSpec[] = [
  // Accounts and sessions
  { method: 'POST', path: '/api/setup', tag: 'Accounts', summary: 'First start: create the organisation and its first administrator (only while no account exists).', access: { public: true, preSessionCsrf: true }, body: obj({ organisationName: str, email: str, password: { type: 'string', minLength: 12 }, displayName: str, language: lang }, ['organisationName', 'email', 'password']), responses: { '201': json(ref('Account')), '409': { description: 'Setup was already done.', schema: ref('Error') } } },
  { method: 'POST', path: '/api/session', tag: 'Accounts', summary: 'Log in; sets the httpOnly session cookie and returns the CSRF token for later writes.', access: { public: true, preSessionCsrf: true }, body: obj({ email: str, password: str }, ['email', 'password']), responses: { '200': json(obj({ account: ref('Account'), csrfToken: str })), '401': { description: 'Wrong email or password.', schema: ref('Error') }, '429': { description: 'Locked for a while after repeated failures.', schema: ref('Error') } } },
  { method: 'DELETE', path: '/api/session', tag: 'Accounts', summary: 'Log out (ends this session).', access: {}, responses: { '204': { description: 'Logged out.' } } },
  { method: 'GET', path: '/api/me', tag: 'Accounts', summary: 'The account making the request and what it may see.', access: {}, responses: ok(obj({ account: ref('Account'), personIds: arrayOf(str) })) },
  { method: 'PUT', path: '/api/me', tag: 'Accounts', summary: 'Change the own account\'s language.', access: {}, body: obj({ language: lang }, ['language']), responses: ok(ref('Account')) },
  { method: 'GET', path: '/api/accounts', tag: 'Accounts', summary: 'Accounts of the organisation with their caseworker assignments.', access: { roles: admin }, responses: ok(obj({ accounts: arrayOf(ref('Account')) })) },
  { method: 'POST', path: '/api/accounts', tag: 'Accounts', summary: 'Add an account: admin, caseworker (with assigned people) or person (with their person).', access: { roles: admin }, body: obj({ email: str, password: str, role: { type: 'string', enum: ['admin', 'caseworker', 'person'] }, displayName: str, language: lang, personId: str, personIds: arrayOf(str) }, ['email', 'role']), responses: { '201': json(ref('Account')), ...problems, '409': { description: 'Email taken.', schema: ref('Error') } } },
  { method: 'POST', path: '/api/accounts/:id/assignments', tag: 'Accounts', summary: 'Assign a person to a caseworker, or take the assignment away.', access: { roles: admin, resources: [{ in: 'params', name: 'id', kind: 'account' }, { in: 'body', name: 'personId', kind: 'person' }] }, body: obj({ personId: str, assigned: bool }, ['personId', 'assigned']), responses: { ...ok(ref('Account')), ...problems } },
  { method: 'GET', path: '/api/tokens', tag: 'Accounts', summary: 'The own account\'s API tokens (labels and dates, never the tokens).', access: {}, responses: ok(obj({ tokens: arrayOf(ref('ApiToken')) })) },
  { method: 'POST', path: '/api/tokens', tag: 'Accounts', summary: 'Create an API token for scripts; the token is in this answer only.', access: {}, body: obj({ label: str }, ['label']), responses: { '201': json(obj({ id: str, label: str, token: str })) } },
  { method: 'DELETE', path: '/api/tokens/:id', tag: 'Accounts', summary: 'Revoke an API token of the own account.', access: { resources: [{ in: 'params', name: 'id', kind: 'token' }] }, responses: { '204': { description: 'Revoked.' }, ...problems } },
  { method: 'GET', path: '/api/audit', tag: 'Accounts', summary: 'Who viewed, revealed, exported or sent what (ids only).', access: { roles: admin }, query: { action: str, limit: { type: 'integer', minimum: 1, maximum: 500 } }, responses: ok(obj({ entries: arrayOf(ref('AuditEntry')) })) },
  { method: 'GET', path: '/api/settings', tag: 'Accounts', summary: 'The effective settings (from the environment; secrets are never shown).', access: { roles: admin }, responses: ok(ref('Settings')) },

  // Overview
  { method: 'GET', path: '/api/overview', tag: 'Overview', summary: 'New exposures by severity, what needs action, engine status, last scans and exposures over time.', access: {}, responses: ok(ref('Overview')) },

  // People
  { method: 'POST', path: '/api/people', tag: 'People', summary: 'Add a person from a portable profile; a caseworker is assigned the person at once.', access: { roles: staff }, body: obj({ label: str, language: lang, defaultCountry: str, schedule: str, profile: ref('Profile') }, ['label', 'profile']), responses: { '201': json(ref('Person')), ...problems } },
  { method: 'GET', path: '/api/people', tag: 'People', summary: 'The people this account may see.', access: {}, responses: ok(obj({ people: arrayOf(ref('Person')) })) },
  { method: 'GET', path: '/api/people/:id', tag: 'People', summary: 'One person with their profile.', access: { resources: [person()] }, responses: { ...ok(ref('PersonWithProfile')), ...problems } },
  { method: 'PUT', path: '/api/people/:id/profile', tag: 'People', summary: 'Replace the profile (identifiers and own URLs).', access: { resources: [person()] }, body: ref('Profile'), responses: { ...ok(ref('PersonWithProfile')), ...problems } },
  { method: 'PUT', path: '/api/people/:id/schedule', tag: 'People', summary: 'Change the scan schedule (cron) or pause it.', access: { resources: [person()] }, body: obj({ schedule: str, enabled: bool }), responses: { ...ok(ref('Person')), ...problems } },
  { method: 'GET', path: '/api/people/:id/profile.json', tag: 'People', summary: 'Export the profile in the portable format (a download).', access: { resources: [person()], audit: { action: 'exported', subjectType: 'person', from: person() } }, responses: { '200': { description: 'The profile file.', schema: ref('Profile') }, ...problems } },
  { method: 'POST', path: '/api/people/:id/wipe', tag: 'People', summary: 'Delete everything about the person: profile, photos, exposures, evidence files, cases, alerts, scans.', access: { resources: [person()] }, body: obj({ confirmLabel: str }, ['confirmLabel']), responses: { ...ok(obj({ wiped: bool, filesRemoved: int })), ...problems } },
  { method: 'POST', path: '/api/people/:id/scans', tag: 'Scans', summary: 'Scan now (returns the running scan when one is already under way). `engines` chooses the engine instances for this scan (ids as /api/engines lists them); without it the person\'s usual engines run, with the reverse-image engines they allowed.', access: { resources: [person()], audit: { action: 'scan_started', subjectType: 'person', from: person() } }, body: obj({ engines: arrayOf(str) }), responses: { '202': json(ref('ScanRun')), '200': json(ref('ScanRun')), ...problems } },
  { method: 'GET', path: '/api/people/:id/scans', tag: 'Scans', summary: 'Recent scans of one person.', access: { resources: [person()] }, responses: { ...ok(obj({ scans: arrayOf(ref('ScanRun')) })), ...problems } },
  { method: 'GET', path: '/api/people/:id/hits', tag: 'Exposures', summary: 'Every exposure of one person with its matches.', access: { resources: [person()] }, responses: { ...ok(obj({ hits: arrayOf(ref('Hit')) })), ...problems } },

  // Scans and engines
  { method: 'GET', path: '/api/scans', tag: 'Scans', summary: 'Running and recent scans of the people this account may see.', access: { resources: [{ in: 'query', name: 'personId', kind: 'person' }] }, query: { personId: str, limit: { type: 'integer', minimum: 1, maximum: 200 } }, responses: ok(obj({ scans: arrayOf(ref('ScanRun')) })) },
  { method: 'GET', path: '/api/scans/:id', tag: 'Scans', summary: 'One scan: progress counters and per-engine outcomes.', access: { resources: [{ in: 'params', name: 'id', kind: 'scan' }] }, responses: { ...ok(ref('ScanRun')), ...problems } },
  { method: 'GET', path: '/api/engines', tag: 'Scans', summary: 'Which engines work and which are blocked: by what signal, since when and until when they rest.', access: {}, responses: ok(obj({ engines: arrayOf(ref('Engine')) })) },
  { method: 'POST', path: '/api/engines/resume', tag: 'Scans', summary: 'Lift an engine\'s pause now (id as /api/engines lists it, e.g. bing or searxng#2; without id every paused engine): the next search tries it, and a new refusal starts again at the shortest pause. Engines are shared by the whole installation, so only its operator may.', access: { roles: admin, operator: true, audit: { action: 'engine_resumed', subjectType: 'engine', from: { in: 'body', name: 'id' } } }, body: obj({ id: str }), responses: { ...ok(obj({ engines: arrayOf(ref('Engine')) })), ...problems } },

  // Exposures
  { method: 'GET', path: '/api/hits', tag: 'Exposures', summary: 'Exposures of the visible people, filtered.', access: { resources: [{ in: 'query', name: 'personId', kind: 'person' }] }, query: { personId: str, severity, status: { type: 'string', enum: ['new', 'seen', 'false_positive', 'resolved'] }, category: str, limit: { type: 'integer', minimum: 1, maximum: 500 } }, responses: ok(obj({ hits: arrayOf(ref('Hit')) })) },
  { method: 'GET', path: '/api/hits/:id', tag: 'Exposures', summary: 'One exposure with its matches and their reasons (recorded as viewed).', access: { resources: [hit], audit: { action: 'viewed', subjectType: 'hit', from: hit } }, responses: { ...ok(ref('Hit')), ...problems } },
  { method: 'POST', path: '/api/hits/:id/reveal', tag: 'Exposures', summary: 'Record that the viewer chose to reveal the blurred images of this exposure.', access: { resources: [hit], audit: { action: 'revealed', subjectType: 'hit', from: hit } }, responses: { ...ok(obj({ revealed: bool })), ...problems } },

  // Alerts
  { method: 'GET', path: '/api/alerts', tag: 'Alerts', summary: 'The alert inbox with the unread count.', access: { resources: [{ in: 'query', name: 'personId', kind: 'person' }] }, query: { personId: str, unread: { type: 'string', enum: ['true', 'false'] }, limit: { type: 'integer', minimum: 1, maximum: 200 } }, responses: ok(obj({ alerts: arrayOf(ref('Alert')), unread: int })) },
  { method: 'POST', path: '/api/alerts/:id/read', tag: 'Alerts', summary: 'Mark an alert as read.', access: { resources: [{ in: 'params', name: 'id', kind: 'alert' }] }, responses: { ...ok(obj({ alert: ref('Alert'), unread: int })), ...problems } },
  { method: 'GET', path: '/api/alerts/stream', tag: 'Alerts', summary: 'Server-sent events: each new alert as it is raised (Last-Event-ID resumes).', access: { resources: [{ in: 'query', name: 'personId', kind: 'person' }] }, query: { personId: str }, responses: { '200': { description: 'An event stream of `alert` events.', contentType: 'text/event-stream' } } },

  // Takedowns
  { method: 'GET', path: '/api/hits/:id/case', tag: 'Takedowns', summary: 'The takedown case of an exposure: draft, recipient, status, timeline, deadlines.', access: { resources: [hit] }, responses: { ...ok(ref('Case')), ...problems } },
  { method: 'POST', path: '/api/hits/:id/case', tag: 'Takedowns', summary: 'Open the case and draft the takedown (or redraft it).', access: { resources: [hit] }, body: obj({ ownsCopyright: bool, language: lang, redraft: bool }), responses: { '201': json(ref('Case')), ...ok(ref('Case')), ...problems } },
  { method: 'POST', path: '/api/cases/:id/status', tag: 'Takedowns', summary: 'Move the case on (reviewing, removed, false positive, ...).', access: { resources: [kase], audit: { action: 'status_changed', subjectType: 'case', from: kase } }, body: obj({ status: str, confirm: bool }, ['status']), responses: { ...ok(ref('Case')), ...problems, '409': { description: 'Not allowed from the current status.', schema: ref('Error') } } },
  { method: 'POST', path: '/api/cases/:id/send', tag: 'Takedowns', summary: 'Send the drafted notice by email (needs `confirm: true`).', access: { resources: [kase], audit: { action: 'sent', subjectType: 'case', from: kase } }, body: obj({ confirm: bool }, ['confirm']), responses: { ...ok(ref('Case')), ...problems, '409': { description: 'Not confirmed, no mail server, or nothing to send.', schema: ref('Error') } } },
  { method: 'GET', path: '/api/cases/:id/mailto', tag: 'Takedowns', summary: 'A mailto: link with the draft, for sending from one\'s own mail program.', access: { resources: [kase] }, responses: { ...ok(obj({ mailto: str, truncated: bool, keptChars: int, bodyLength: int })), ...problems } },
  { method: 'POST', path: '/api/cases/:id/escalate', tag: 'Takedowns', summary: 'Escalate to the next audience (host, registrar, search engines, helpline, police).', access: { resources: [kase] }, responses: { ...ok(ref('Case')), ...problems } },
  { method: 'GET', path: '/api/takedowns/stats', tag: 'Takedowns', summary: 'Per-host figures: notices sent, removed, time to removal, no response.', access: {}, responses: ok(obj({ hosts: arrayOf({ type: 'object' }) })) },

  // Photos
  { method: 'POST', path: '/api/people/:id/photos', tag: 'Photos', summary: 'Add a photo (raw image body): stores its hashes and the metadata check; the original only with keepOriginal=true.', access: { resources: [person()] }, query: { label: str, keepOriginal: { type: 'string', enum: ['true', 'false'] } }, body: { type: 'string', format: 'binary', description: 'The image bytes with an image/* Content-Type.' }, responses: { '201': json(ref('Photo')), ...ok(ref('Photo')), ...problems } },
  { method: 'GET', path: '/api/people/:id/photos', tag: 'Photos', summary: 'The person\'s photos: hashes, quality, privacy check and reverse-image consents.', access: { resources: [person()] }, responses: { ...ok(obj({ photos: arrayOf(ref('Photo')), reverseImageEngines: arrayOf(str) })), ...problems } },
  { method: 'GET', path: '/api/people/:id/photos/pdq.txt', tag: 'Photos', summary: 'The canonical PDQ hash of each of the person\'s photos, one `hash,quality` line each (the form of ThreatExchange\'s PDQ tools, without file names), for platforms, helplines or police who ask for hashes (a download, recorded as exported).', access: { resources: [person()], audit: { action: 'exported', subjectType: 'photo-hashes', from: person() } }, responses: { '200': { description: 'The hashes, one line per photo.', contentType: 'text/plain' }, ...problems } },
  { method: 'DELETE', path: '/api/photos/:photoId', tag: 'Photos', summary: 'Remove a photo and its hashes.', access: { resources: [photo] }, responses: { '204': { description: 'Removed.' }, ...problems } },
  { method: 'POST', path: '/api/photos/:photoId/consents', tag: 'Photos', summary: 'Allow or stop uploading this photo to one reverse-image engine.', access: { resources: [photo] }, body: obj({ engine: str, granted: bool }, ['engine', 'granted']), responses: { ...ok(ref('Photo')), ...problems, '409': { description: 'The original was not kept.', schema: ref('Error') } } },
  { method: 'POST', path: '/api/photos/privacy-check', tag: 'Photos', summary: 'Check a photo for identifying metadata (GPS, camera serial...) before posting it anywhere; nothing is stored.', access: {}, body: { type: 'string', format: 'binary' }, responses: ok(obj({ identifying: bool, findings: arrayOf({ type: 'object' }) })) },
  { method: 'POST', path: '/api/photos/clean-copy', tag: 'Photos', summary: 'A copy of the photo without its metadata; nothing is stored.', access: {}, body: { type: 'string', format: 'binary' }, responses: { '200': { description: 'The cleaned image.', contentType: 'image/*' } } },

  // Documentation
  { method: 'GET', path: '/api/openapi.json', tag: 'Documentation', summary: 'This document.', access: { public: true }, responses: { '200': { description: 'OpenAPI 3.1.', schema: { type: 'object' } } } },
  { method: 'GET', path: '/api/docs', tag: 'Documentation', summary: 'The API documentation page.', access: { public: true }, responses: { '200': { description: 'HTML.', contentType: 'text/html' } } },
  // Evidence
  { method: 'GET', path: '/api/hits/:id/evidence', tag: 'Evidence', summary: 'The captures of an exposure: screenshots, HTML, page images, their hashes and timestamps.', access: { resources: [hit] }, responses: { ...ok(obj({ hitId: str, caseId: { type: ['string', 'null'] }, captures: arrayOf({ type: 'object' }) })), ...problems } },
  { method: 'GET', path: '/api/evidence/files/:sha256', tag: 'Evidence', summary: 'One evidence file by its SHA-256; possibly intimate images come blurred unless ?reveal=1 (each real view is in the custody log).', access: { resources: [{ in: 'params', name: 'sha256', kind: 'evidence-file' }] }, query: { reveal: { type: 'string', enum: ['1', 'true'] } }, responses: { '200': { description: 'The file (images inline, anything else as a download).', contentType: 'application/octet-stream' }, ...problems } },
  { method: 'POST', path: '/api/evidence/export', tag: 'Evidence', summary: 'An evidence pack (ZIP, or a PDF report) for an exposure or a case.', access: { resources: [{ in: 'body', name: 'id', kind: 'hit-or-case' }], audit: { action: 'exported', subjectType: 'hit', from: { in: 'body', name: 'id' } } }, body: obj({ id: str, language: lang, format: { type: 'string', enum: ['zip', 'pdf'] } }, ['id']), responses: { '200': { description: 'The pack.', contentType: 'application/zip' }, ...problems } },
  { method: 'GET', path: '/api/evidence/verify', tag: 'Evidence', summary: 'Check every evidence file and the custody chain (of the whole installation).', access: { roles: admin, operator: true }, responses: ok({ type: 'object' }) },
];

const schemas: Record<string, Schema> = {
  Error: obj({ error: obj({ code: str, message: str, details: { type: 'object' } }, ['code', 'message']) }, ['error']),
  Account: obj({ id: str, email: str, displayName: str, role: { type: 'string', enum: ['admin', 'caseworker', 'person'] }, personId: { type: ['string', 'null'] }, personIds: arrayOf(str), language: lang, createdAt: time }),
  ApiToken: obj({ id: str, label: str, createdAt: time, lastUsedAt: time, revokedAt: time }),
  AuditEntry: obj({ at: time, accountId: { type: ['string', 'null'] }, action: str, subjectType: str, subjectId: { type: ['string', 'null'] } }),
  Settings: { type: 'object', description: 'Grouped effective settings: email, webhook, search, quiet hours, language, evidence key status.' },
  Profile: obj({ names: arrayOf(str), aliases: arrayOf(str), phones: arrayOf(str), emails: arrayOf(str), addresses: arrayOf(str), handles: arrayOf(str), photos: arrayOf(str), ownUrls: arrayOf(str) }),
  Person: obj({ id: str, label: str, language: lang, defaultCountry: str, schedule: str, scheduleEnabled: bool, nextScanAt: time, lastScanAt: time, lastSuccessAt: time }),
  PersonWithProfile: { allOf: [ref('Person'), obj({ profile: ref('Profile') })] },
  ScanRun: obj({ scanRunId: str, personId: str, trigger: str, status: { type: 'string', enum: ['queued', 'running', 'succeeded', 'partial', 'failed'] }, progress: { type: 'object' }, engines: { type: 'object' }, signals: { type: 'object' }, error: { type: ['string', 'null'] }, createdAt: time, startedAt: time, finishedAt: time }),
  Engine: obj({ id: str, engine: str, label: str, kind: str, state: { type: 'string', enum: ['unused', 'ok', 'blocked', 'retrying'] }, lastOutcome: { type: ['string', 'null'] }, signal: { type: ['string', 'null'] }, blockedSince: time, suspendedUntil: time, lastOkAt: time, failuresInARow: int }),
  Hit: obj({ id: str, personId: str, url: str, finalUrl: { type: ['string', 'null'] }, host: str, title: { type: ['string', 'null'] }, status: str, severity, categories: arrayOf(str), linkage: bool, reasons: arrayOf(str), firstSeenAt: time, lastSeenAt: time, source: { type: 'string', enum: ['page', 'snippet'] }, searchResults: arrayOf({ type: 'object' }), matches: arrayOf({ type: 'object' }) }),
  Alert: obj({ id: str, personId: str, hitId: { type: ['string', 'null'] }, kind: str, severity, reason: { type: ['string', 'null'] }, link: str, createdAt: time, readAt: time }),
  Photo: obj({ id: str, personId: str, label: str, sha256: str, pdq: str, quality: int, width: int, height: int, originalKept: bool, privacy: { type: ['object', 'null'] }, consents: arrayOf(obj({ engine: str, grantedAt: time, revokedAt: time })) }),
  Case: obj({ id: str, hitId: str, status: str, allowedTransitions: arrayOf(str), recipient: { type: ['object', 'null'] }, subject: { type: ['string', 'null'] }, body: { type: ['string', 'null'] }, copyText: { type: ['string', 'null'] }, deadlineAt: time, events: arrayOf({ type: 'object' }) }),
  Overview: obj({ newBySeverity: { type: 'object' }, needsAction: { type: 'object' }, engines: arrayOf(ref('Engine')), people: arrayOf({ type: 'object' }), peopleTotal: int, stalePeople: int, timeline: arrayOf(obj({ day: str, count: int })) }),
};

export const toOpenApiPath = (path: string): string => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
export const pathParams = (path: string): string[] => [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);

function operation(route: ApiRouteSpec): Schema {
  const parameters = [
    ...pathParams(route.path).map((name) => ({ name, in: 'path', required: true, schema: str })),
    ...Object.entries(route.query ?? {}).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
  ];
  const responses = Object.fromEntries(Object.entries(route.responses).map(([status, r]) => [
    status,
    { description: r.description, ...(r.schema || r.contentType ? { content: { [r.contentType ?? 'application/json']: { schema: r.schema ?? { type: 'string' } } } } : {}) },
  ]));
  const roles = route.access.public ? 'none (public)' : route.access.operator ? 'administrators of the first organisation (the operator)' : route.access.roles ? route.access.roles.join(', ') : 'any signed-in account';
  return {
    tags: [route.tag],
    summary: route.summary,
    description: `Who may call it: ${roles}.${route.access.resources?.length ? ' Only for resources the account may see; others answer 404 as if they did not exist.' : ''}`,
    operationId: `${route.method.toLowerCase()}${toOpenApiPath(route.path).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    ...(parameters.length ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: route.body }, 'application/x-www-form-urlencoded': { schema: route.body } } } } : {}),
    responses,
    ...(route.access.public ? { security: [] } : {}),
  };
}

export function buildOpenApiDocument(routes: ApiRouteSpec[] = apiRoutes, serverUrl?: string): Schema {
  const paths: Record<string, Record<string, Schema>> = {};
  for (const route of routes) {
    const key = toOpenApiPath(route.path);
    paths[key] = { ...(paths[key] ?? {}), [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Exposure Scanner API',
      version: '0.1.0',
      description: 'Everything the dashboard does. Scripts authenticate with an API token (`Authorization: Bearer est_...`, created on the Account page); the dashboard uses a session cookie plus an `x-csrf-token` header on writes.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token.' },
        session: { type: 'apiKey', in: 'cookie', name: 'es_session' },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  };
}
