import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccessWorld, type AccessWorld } from './access-world.ts';
import { createId } from '../../../src/shared/ids.ts';

/** Reads the stream until `done` holds or the time is up; returns what arrived. */
async function readFor(reader: ReadableStreamDefaultReader<Uint8Array>, ms: number, done: (text: string) => boolean): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  const until = Date.now() + ms;
  while (!done(text) && Date.now() < until) {
    const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), until - Date.now()))]);
    if (!next || next.done) break;
    text += decoder.decode(next.value, { stream: true });
  }
  return text;
}

describe('the live alert stream', () => {
  let world: AccessWorld;
  let base: string;
  beforeAll(async () => {
    world = await buildAccessWorld();
    await world.server.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(world.server.server.address() as AddressInfo).port}`;
  });
  afterAll(() => world?.close());

  it('pushes an alert only to accounts that may see its person', async () => {
    const open = async (name: string) => {
      const actor = world.actors.find((a) => a.name === name)!;
      const res = await fetch(`${base}/api/alerts/stream`, { headers: actor.bearer });
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      await readFor(reader, 2000, (t) => t.includes(': connected'));
      return reader;
    };
    const adminA = await open('AdminA');
    const caseworkerA2 = await open('CaseworkerA2');
    const adminB = await open('AdminB');
    const target = world.people.find((p) => p.key === 'A1')!;
    const id = createId('alert');
    await world.app.alerts.repository.insertAlert({ id, personId: target.ids.person, hitId: target.ids.hit, kind: 'exposure', severity: 'critical', detail: { reason: 'new' }, createdAt: world.app.clock.now() });
    world.app.alerts.broadcaster.poke();
    expect(await readFor(adminA, 5000, (t) => t.includes(id))).toContain(id);
    expect(await readFor(caseworkerA2, 1500, (t) => t.includes(id))).not.toContain(id);
    expect(await readFor(adminB, 1500, (t) => t.includes(id))).not.toContain(id);
    await Promise.all([adminA.cancel(), caseworkerA2.cancel(), adminB.cancel()]);
  });

  it('refuses a stream of another organisation\'s person as if the person did not exist', async () => {
    const adminB = world.actors.find((a) => a.name === 'AdminB')!;
    const res = await fetch(`${base}/api/alerts/stream?personId=${world.people.find((p) => p.key === 'A1')!.ids.person}`, { headers: adminB.bearer });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('people.not_found');
  });
});
