import { describe, expect, it } from 'vitest';
import { buildServer } from '../../../src/web/server.ts';
import { createTestApp } from '../../helpers/test-app.ts';
import { asAdmin } from '../../helpers/test-auth.ts';

const profile = {
  names: ['Marie-Claire Dubois'], aliases: ['Lola Velvet'], phones: ['+32 470 12 34 56'], emails: ['mc.dubois@example.be'],
  addresses: ['Rue des Tanneurs 14, 1000 Bruxelles'], handles: ['@lolavelvet'], photos: [], ownUrls: ['https://lola.example/'],
};

async function setup() {
  const app = await createTestApp();
  const server = await asAdmin(await buildServer(app), app);
  return { app, server };
}

describe('the people API', () => {
  it('imports a profile and exports it again in the portable format', async () => {
    const { server } = await setup();
    const created = await server.inject({ method: 'POST', url: '/api/people', payload: { label: 'Lola', profile } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const exported = await server.inject({ url: `/api/people/${id}/profile.json` });
    expect(exported.headers['content-disposition']).toContain('profile.json');
    expect(exported.headers['cache-control']).toBe('no-store');
    const file = exported.json();
    expect(file.names).toEqual(['Marie-Claire Dubois']);
    // The export keeps what the person wrote; matching uses the normalised form.
    expect(file.handles).toEqual(['@lolavelvet']);
    expect(file.ownUrls).toEqual(['https://lola.example/']);
    // Re-importing the export gives the same profile.
    const again = await server.inject({ method: 'POST', url: '/api/people', payload: { label: 'Lola 2', profile: file } });
    expect((await server.inject({ url: `/api/people/${again.json().id}/profile.json` })).json()).toEqual(file);
  });

  it('rejects a bad profile naming the field and the problem, and saves nothing', async () => {
    const { app, server } = await setup();
    const response = await server.inject({ method: 'POST', url: '/api/people', payload: { label: 'x', profile: { ...profile, phones: ['+32 470 12 34 56', '12'] } } });
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe('profiles.invalid');
    expect(error.details.issues).toEqual([expect.objectContaining({ field: 'phones[1]', code: 'profiles.invalid_phone' })]);
    expect(error.message).not.toContain('470');
    expect(await app.profiles.listPeople()).toEqual([]);
    expect(app.db.$client.prepare('select count(*) n from identifiers').get()).toEqual({ n: 0 });
  });

  it('refuses an invalid schedule', async () => {
    const { server } = await setup();
    const response = await server.inject({ method: 'POST', url: '/api/people', payload: { label: 'x', schedule: '99 * * * *', profile } });
    expect(response.json().error.code).toBe('people.invalid_schedule');
  });

  it('starts a scan on request, once, and reports its progress', async () => {
    const { server } = await setup();
    const id = (await server.inject({ method: 'POST', url: '/api/people', payload: { label: 'Lola', profile } })).json().id;
    const first = await server.inject({ method: 'POST', url: `/api/people/${id}/scans` });
    expect(first.statusCode).toBe(202);
    const second = await server.inject({ method: 'POST', url: `/api/people/${id}/scans` });
    expect(second.statusCode).toBe(200);
    expect(second.json().scanRunId).toBe(first.json().scanRunId);
    const progress = (await server.inject({ url: `/api/scans/${first.json().scanRunId}` })).json();
    expect(progress).toMatchObject({ status: 'queued', progress: { queriesDone: 0 } });
  });

  it('answers unknown people with a stable code', async () => {
    const { server } = await setup();
    expect((await server.inject({ url: '/api/people/person_nope' })).json().error.code).toBe('people.not_found');
    expect((await server.inject({ url: '/api/scans/scan_nope' })).json().error.code).toBe('scans.not_found');
  });
});
