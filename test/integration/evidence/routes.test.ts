import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../../src/web/server.ts';
import { createEvidenceRouteModule } from '../../../src/modules/evidence/evidence.routes.ts';
import { recordCapture } from '../../../src/modules/evidence/captures.repository.ts';
import { listCustody } from '../../../src/modules/evidence/custody-log.repository.ts';
import { createEvidenceTestApp, noBrowser } from './evidence-fixtures.ts';
import { asAdmin } from '../../helpers/test-auth.ts';

const photo = fs.readFileSync(path.join(import.meta.dirname, '../../../src/simweb/assets/photos/demo-1.jpg'));

describe('the evidence API', () => {
  let ctx: Awaited<ReturnType<typeof createEvidenceTestApp>>;
  let server: FastifyInstance;
  let files: Record<string, string>;

  beforeAll(async () => {
    ctx = await createEvidenceTestApp({ withBrowser: !noBrowser, categories: ['intimate_media'] });
    const vault = ctx.vault;
    ctx.app.routeModules = [createEvidenceRouteModule(() => vault)];
    files = {
      html: (await vault.put(Buffer.from('<html><script>alert(1)</script></html>'), 'text/html')).sha256,
      'image:0': (await vault.put(photo, 'image/jpeg')).sha256,
      meta: (await vault.put(Buffer.from('{"captureId":"cap_1"}\n'), 'application/json')).sha256,
    };
    await recordCapture(ctx.vault, { captureId: 'cap_1', hitId: ctx.hit.id, purpose: 'initial', outcome: 'captured', requestedUrl: ctx.hit.url, visit: null, artifacts: files, capturedAt: ctx.app.clock.now(), actor: 'scanner' });
    server = await asAdmin(await buildServer(ctx.app), ctx.app);
  });

  afterAll(async () => {
    await server?.close();
    await ctx?.app.close();
  });

  const custodyActions = async () => (await listCustody(ctx.app.db)).map((e) => e.action);

  it('lists a hit\'s captures with each file\'s hash and whether it is shown blurred', async () => {
    const res = await server.inject({ method: 'GET', url: `/api/hits/${ctx.hit.id}/evidence` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json() as { captures: { id: string; artifacts: { role: string; sha256: string; sensitive: boolean; href: string }[] }[] };
    expect(body.captures[0]!.id).toBe('cap_1');
    expect(body.captures[0]!.artifacts).toEqual(expect.arrayContaining([
      expect.objectContaining({ role: 'image:0', sha256: files['image:0'], sensitive: true, href: `/api/evidence/files/${files['image:0']}` }),
      expect.objectContaining({ role: 'meta', sensitive: false }),
    ]));
  });

  it('serves a matched photo blurred until the viewer reveals it, and logs the reveal', async () => {
    const before = (await custodyActions()).length;
    const blurred = await server.inject({ method: 'GET', url: `/api/evidence/files/${files['image:0']}` });
    expect(blurred.statusCode).toBe(200);
    expect(blurred.headers['x-evidence-blurred']).toBe('1');
    expect(blurred.headers['content-type']).toBe('image/jpeg');
    expect(blurred.rawPayload.equals(photo)).toBe(false);
    expect((await custodyActions()).length).toBe(before);

    const revealed = await server.inject({ method: 'GET', url: `/api/evidence/files/${files['image:0']}?reveal=1` });
    expect(revealed.statusCode).toBe(200);
    expect(revealed.headers['cache-control']).toBe('no-store');
    expect(revealed.rawPayload.equals(photo)).toBe(true);
    expect((await listCustody(ctx.app.db)).at(-1)).toMatchObject({ action: 'revealed', actor: 'web', subjectType: 'file', subjectId: files['image:0'] });
  });

  it('never serves a hostile page\'s HTML as a page: reveal required, then a download only', async () => {
    const refused = await server.inject({ method: 'GET', url: `/api/evidence/files/${files.html}` });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('evidence.reveal_required');
    const download = await server.inject({ method: 'GET', url: `/api/evidence/files/${files.html}?reveal=1` });
    expect(download.headers['content-type']).toBe('application/octet-stream');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="${files.html}.html"`);
    expect(download.headers['content-security-policy']).toContain('sandbox');
  });

  it('records an ordinary view of a non-sensitive file', async () => {
    const res = await server.inject({ method: 'GET', url: `/api/evidence/files/${files.meta}` });
    expect(res.json()).toEqual({ captureId: 'cap_1' });
    expect((await listCustody(ctx.app.db)).at(-1)).toMatchObject({ action: 'viewed', subjectId: files.meta });
  });

  it('answers 404 for a hash it does not hold and 400 for a bad export request', async () => {
    expect((await server.inject({ method: 'GET', url: `/api/evidence/files/${'0'.repeat(64)}` })).statusCode).toBe(404);
    expect((await server.inject({ method: 'GET', url: '/api/evidence/files/..%2F..%2Fetc%2Fpasswd' })).statusCode).toBe(404);
    const bad = await server.inject({ method: 'POST', url: '/api/evidence/export', payload: { language: 'xx' } });
    expect(bad.statusCode).toBe(400);
  });

  it('reports verification', async () => {
    const res = await server.inject({ method: 'GET', url: '/api/evidence/verify' });
    expect(res.json()).toMatchObject({ ok: true, files: 3, captures: 1 });
  });

  it.skipIf(noBrowser)('exports the PDF report for a hit', async () => {
    const res = await server.inject({ method: 'POST', url: '/api/evidence/export', payload: { id: ctx.hit.id, format: 'pdf', language: 'de' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await listCustody(ctx.app.db)).at(-1)).toMatchObject({ action: 'exported', actor: 'web', subjectId: ctx.hit.id });
  });
});
