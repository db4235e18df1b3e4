import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, startWeb } from './web-session.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function ready(env?: Record<string, string>) {
  const w = await startWeb({ env });
  cleanups.push(w.close);
  await w.setup();
  return w;
}

const login = (w: Awaited<ReturnType<typeof ready>>, email: string, password: string, ip = '203.0.113.7') =>
  w.server.inject({ method: 'POST', url: '/api/session', remoteAddress: ip, payload: { email, password } });

describe('logging in and out', () => {
  it('sets an httpOnly, SameSite=Strict session cookie for the whole site, Secure only behind https', async () => {
    const w = await ready();
    const res = await login(w, ADMIN.email, ADMIN.password);
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^es_session=[A-Za-z0-9_-]{40,}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toContain('Secure');
    const secure = await ready({ PUBLIC_URL: 'https://watch.example.org' });
    expect(String((await login(secure, ADMIN.email, ADMIN.password)).headers['set-cookie'])).toContain('; Secure');
  });

  it('stores only a hash of the session token', async () => {
    const w = await ready();
    const res = await login(w, ADMIN.email, ADMIN.password);
    const token = /es_session=([^;]+)/.exec(String(res.headers['set-cookie']))![1]!;
    const hashes = (w.app.db.$client.prepare('select token_hash from sessions').all() as { token_hash: string }[]).map((r) => r.token_hash);
    expect(hashes.length).toBeGreaterThan(0);
    expect(hashes).not.toContain(token);
    expect(JSON.stringify(w.app.db.$client.prepare('select * from sessions').all())).not.toContain(token);
  });

  it('answers an unknown email and a wrong password with the same status, code and message', async () => {
    const w = await ready();
    const wrong = await login(w, ADMIN.email, 'not the right password');
    const unknown = await login(w, 'nobody@example.org', 'not the right password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.message).toBe('Wrong email or password.');
  });

  it('locks an account for a while after five wrong passwords, even against the right one, and opens it again later', async () => {
    const w = await ready();
    for (let i = 0; i < 5; i++) expect((await login(w, ADMIN.email, `wrong password ${i}`)).statusCode).toBe(401);
    const locked = await login(w, ADMIN.email, ADMIN.password);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('auth.locked');
    // An unknown email locks the same way: the lockout does not tell which emails have accounts.
    for (let i = 0; i < 5; i++) await login(w, 'nobody@example.org', `wrong password ${i}`, '198.51.100.9');
    expect((await login(w, 'nobody@example.org', 'anything at all', '198.51.100.9')).json().error.code).toBe('auth.locked');
    w.app.clock.advance(15 * 60_000 + 1);
    expect((await login(w, ADMIN.email, ADMIN.password)).statusCode).toBe(200);
  });

  it('blocks an address that keeps failing across many accounts', async () => {
    const w = await ready();
    for (let i = 0; i < 20; i++) await login(w, `person${i}@example.org`, 'wrong password here', '192.0.2.50');
    expect((await login(w, ADMIN.email, ADMIN.password, '192.0.2.50')).json().error.code).toBe('auth.locked');
    expect((await login(w, ADMIN.email, ADMIN.password, '192.0.2.51')).statusCode).toBe(200);
  });

  it('logs in through the form and goes back to the page that asked for it; logging out ends the session', async () => {
    const w = await ready();
    const browser = w.browser();
    const asked = await browser.get('/exposures?severity=high');
    expect(asked.headers.location).toBe('/login?next=%2Fexposures%3Fseverity%3Dhigh');
    const res = await browser.submit('/login?next=%2Fexposures%3Fseverity%3Dhigh', '/login', { email: ADMIN.email, password: ADMIN.password, next: '/exposures?severity=high' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/exposures?severity=high');
    const sessionCookie = `es_session=${browser.jar.get('es_session')}`;
    expect((await browser.get('/overview')).statusCode).toBe(200);
    const out = await browser.submit('/overview', '/logout', {});
    expect(out.headers.location).toBe('/login?done=logged_out');
    // The old cookie is dead on the server too, not only removed from this browser.
    expect((await w.server.inject({ url: '/api/me', headers: { cookie: sessionCookie } })).statusCode).toBe(401);
    expect((await w.server.inject({ url: '/overview', headers: { cookie: sessionCookie } })).headers.location).toMatch(/^\/login/);
  });

  it('never redirects after login to another site', async () => {
    const w = await ready();
    for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      const browser = w.browser();
      const res = await browser.submit('/login', '/login', { email: ADMIN.email, password: ADMIN.password, next });
      expect(res.headers.location, next).toBe('/overview');
    }
  });

  it('shows the login form error in the chosen language', async () => {
    const w = await ready();
    const browser = w.browser();
    await browser.get('/login?lang=fr');
    const res = await browser.submit('/login', '/login', { email: ADMIN.email, password: 'wrong password here' });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('E-mail ou mot de passe incorrect.');
    expect(res.body).toContain('<html lang="fr">');
  });

  it('ends a session after the idle time', async () => {
    const w = await ready();
    const res = await login(w, ADMIN.email, ADMIN.password);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    expect((await w.server.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    w.app.clock.advance(13 * 3_600_000);
    expect((await w.server.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
  });
});
