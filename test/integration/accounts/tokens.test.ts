import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { csrfOf, startWeb } from './web-session.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('API tokens for scripts', () => {
  it('shows a new token once, stores only its SHA-256, lets scripts use it and stops it when revoked', async () => {
    const w = await startWeb();
    cleanups.push(w.close);
    const browser = await w.setup();
    const page = await browser.submit('/account', '/account/tokens', { label: 'backup script' });
    expect(page.statusCode).toBe(200);
    const token = /id="new-token"[^>]*value="(est_[A-Za-z0-9_-]+)"/.exec(page.body)?.[1] ?? /value="(est_[A-Za-z0-9_-]+)"/.exec(page.body)![1]!;
    expect(page.headers['cache-control']).toBe('no-store');
    const stored = w.app.db.$client.prepare('select token_hash from api_tokens').all() as { token_hash: string }[];
    expect(stored).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }]);
    expect(JSON.stringify(w.app.db.$client.prepare('select * from api_tokens').all())).not.toContain(token);
    expect((await browser.get('/account')).body).not.toContain(token);

    const me = await w.server.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().account.role).toBe('admin');
    const list = await w.server.inject({ url: '/api/tokens', headers: { authorization: `Bearer ${token}` } });
    expect(list.json().tokens).toEqual([expect.objectContaining({ label: 'backup script', lastUsedAt: expect.any(String) })]);
    expect(list.body).not.toContain(token);

    const id = list.json().tokens[0].id as string;
    const revoked = await browser.submit('/account', `/account/tokens/${id}/revoke`, {});
    expect(revoked.statusCode).toBe(303);
    expect((await w.server.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    const audit = w.app.db.$client.prepare("select action from audit_log where action like 'token_%' order by id").all();
    expect(audit).toEqual([{ action: 'token_created' }, { action: 'token_revoked' }]);
  });

  it('creates and revokes tokens through the JSON API as well', async () => {
    const w = await startWeb();
    cleanups.push(w.close);
    const browser = await w.setup();
    const csrf = csrfOf((await browser.get('/overview')).body);
    const created = await browser.json('POST', '/api/tokens', { label: 'ci' }, { 'x-csrf-token': csrf });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json() as { id: string; token: string };
    expect(token).toMatch(/^est_/);
    const del = await w.server.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: { authorization: `Bearer ${token}` } });
    expect(del.statusCode).toBe(204);
    expect((await w.server.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
  });

  it('ignores an unknown or malformed bearer token (401, no session fallback)', async () => {
    const w = await startWeb();
    cleanups.push(w.close);
    await w.setup();
    for (const value of ['Bearer est_nope', 'Bearer ', 'Basic abc']) {
      expect((await w.server.inject({ url: '/api/people', headers: { authorization: value } })).statusCode, value).toBe(401);
    }
  });
});
