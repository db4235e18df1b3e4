import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestApp } from '../../helpers/test-app.ts';
import { buildServer } from '../../../src/web/server.ts';

export const ADMIN = { email: 'admin@example.org', password: 'correct horse battery staple' };

/** Cookie header value from a response's Set-Cookie headers, merged into the jar. */
export function updateJar(jar: Map<string, string>, res: LightMyRequestResponse): void {
  const raw = res.headers['set-cookie'];
  for (const line of Array.isArray(raw) ? raw : raw ? [raw] : []) {
    const [pair] = line.split(';');
    const [name, ...rest] = pair!.split('=');
    const value = rest.join('=');
    if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line) || value === '') jar.delete(name!.trim());
    else jar.set(name!.trim(), value);
  }
}

export const csrfOf = (html: string): string => /name="_csrf" value="([^"]*)"/.exec(html)?.[1] ?? '';

/** A browser-like client for `inject`: keeps cookies, reads the form token, posts forms. */
export function createBrowser(server: FastifyInstance) {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const client = {
    jar,
    async get(url: string, headers: Record<string, string> = {}) {
      const res = await server.inject({ url, headers: { cookie: cookie(), ...headers } });
      updateJar(jar, res);
      return res;
    },
    /** Loads `page` for its CSRF token, then posts the form to `action`. */
    async submit(page: string, action: string, fields: Record<string, string>, options: { csrf?: string | null } = {}) {
      const token = options.csrf === undefined ? csrfOf((await client.get(page)).body) : options.csrf;
      const form = new URLSearchParams({ ...fields, ...(token === null ? {} : { _csrf: token }) });
      const res = await server.inject({ method: 'POST', url: action, headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
      updateJar(jar, res);
      return res;
    },
    async json(method: 'POST' | 'PUT' | 'DELETE', url: string, payload: unknown, headers: Record<string, string> = {}) {
      const res = await server.inject({ method, url, headers: { cookie: cookie(), ...headers }, payload: payload as object });
      updateJar(jar, res);
      return res;
    },
  };
  return client;
}

/** A fresh app and server; `setup()` creates the first administrator through the setup page and logs in. */
export async function startWeb(options: { env?: Record<string, string> } = {}) {
  const app = await createTestApp({ env: options.env });
  const server = await buildServer(app);
  return {
    app,
    server,
    browser: () => createBrowser(server),
    async setup() {
      const browser = createBrowser(server);
      const res = await browser.submit('/setup', '/setup', { organisationName: 'Safe Harbour', email: ADMIN.email, password: ADMIN.password, password2: ADMIN.password, language: 'en' });
      if (res.statusCode !== 303) throw new Error(`setup failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return browser;
    },
    close: async () => {
      await server.close();
      await app.close();
    },
  };
}
