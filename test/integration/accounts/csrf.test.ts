import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, csrfOf, startWeb } from './web-session.ts';
import { createTestAdmin } from '../../helpers/test-auth.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function loggedIn() {
  const w = await startWeb();
  cleanups.push(w.close);
  const browser = await w.setup();
  return { ...w, browser };
}

const profile = { names: ['Some One'], aliases: [], phones: [], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] };

describe('CSRF protection for cookie sessions', () => {
  it('refuses a form posted without the session\'s token, or with another one, and changes nothing', async () => {
    const { app, browser } = await loggedIn();
    const missing = await browser.submit('/people', '/people', { label: 'Forged', profile: JSON.stringify(profile) }, { csrf: null });
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain('access.csrf');
    const wrong = await browser.submit('/people', '/people', { label: 'Forged', profile: JSON.stringify(profile) }, { csrf: 'x'.repeat(43) });
    expect(wrong.statusCode).toBe(403);
    expect(await app.profiles.listPeople()).toEqual([]);
    const right = await browser.submit('/people', '/people', { label: 'Real', profile: JSON.stringify(profile) });
    expect(right.statusCode).toBe(303);
    expect((await app.profiles.listPeople()).map((p) => p.label)).toEqual(['Real']);
  });

  it('refuses API writes from a cookie session without the x-csrf-token header, and accepts them with it', async () => {
    const { app, browser } = await loggedIn();
    const without = await browser.json('POST', '/api/people', { label: 'A', profile });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('access.csrf');
    const token = csrfOf((await browser.get('/overview')).body);
    const withHeader = await browser.json('POST', '/api/people', { label: 'B', profile }, { 'x-csrf-token': token });
    expect(withHeader.statusCode).toBe(201);
    expect((await app.profiles.listPeople()).map((p) => p.label)).toEqual(['B']);
  });

  it('does not ask scripts with an API token for a CSRF token', async () => {
    const { app, server } = await loggedIn();
    const admin = await createTestAdmin(app);
    const res = await server.inject({ method: 'POST', url: '/api/people', headers: admin.headers, payload: { label: 'Script', profile } });
    expect(res.statusCode).toBe(201);
  });

  it('binds the token to the session: another session\'s token is refused', async () => {
    const { server, browser } = await loggedIn();
    const other = await server.inject({ method: 'POST', url: '/api/session', payload: { email: ADMIN.email, password: ADMIN.password } });
    const otherToken = other.json().csrfToken as string;
    expect(otherToken).not.toBe(csrfOf((await browser.get('/overview')).body));
    const res = await browser.json('POST', '/api/tokens', { label: 'x' }, { 'x-csrf-token': otherToken });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a login form posted from another site (no pre-session token)', async () => {
    const { server } = await loggedIn();
    const res = await server.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ email: ADMIN.email, password: ADMIN.password }).toString() });
    expect(res.statusCode).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
