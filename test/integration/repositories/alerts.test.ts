import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAlertsRepository, type AlertsRepository } from '../../../src/modules/alerts/alerts.repository.ts';
import { hasHealthAlertSince, insertHealthAlert } from '../../../src/modules/alerts/health-alerts.repository.ts';
import { hitInput, openRepositoryWorld, type RepositoryWorld } from './repository-world.ts';

let world: RepositoryWorld;
let alerts: AlertsRepository;
beforeEach(async () => {
  world = await openRepositoryWorld();
  alerts = createAlertsRepository({ db: world.db });
});
afterEach(async () => await world.dispose());

const at = (iso: string) => new Date(iso);

async function exposure(personId: string, id: string, createdAt: Date, severity: 'high' | 'critical' = 'high') {
  const { hit } = await world.hits.upsert(hitInput(personId, `https://board.example/${id}`));
  await alerts.insertAlert({ id, personId, hitId: hit.id, kind: 'exposure', severity, detail: { reason: 'new' }, createdAt });
  return hit;
}

describe('alerts repository', () => {
  it('lists alerts newest first, those of one instant newest stored first, and counts and marks unread ones per person', async () => {
    const a = await world.addPerson('A');
    const b = await world.addPerson('B');
    const t = at('2026-11-22T10:00:00Z');
    await exposure(a, 'alert_first', t);
    await exposure(a, 'alert_second', t);
    await exposure(b, 'alert_other', at('2026-11-22T09:00:00Z'));
    await exposure(a, 'alert_newest', at('2026-11-22T11:00:00Z'));
    expect((await alerts.list({ limit: 10 })).map((r) => r.id)).toEqual(['alert_newest', 'alert_second', 'alert_first', 'alert_other']);
    expect((await alerts.list({ personIds: [b], limit: 10 })).map((r) => r.id)).toEqual(['alert_other']);
    expect(await alerts.list({ personIds: [], limit: 10 })).toEqual([]);
    expect(await alerts.unreadCount(a)).toBe(3);
    expect(await alerts.unreadCount([a, b])).toBe(4);
    expect(await alerts.unreadCount([])).toBe(0);
    const read = await alerts.markRead('alert_first', at('2026-11-22T12:00:00Z'));
    expect(read?.readAt).toEqual(at('2026-11-22T12:00:00Z'));
    // Marking again keeps the first reading time.
    expect((await alerts.markRead('alert_first', at('2026-11-22T13:00:00Z')))?.readAt).toEqual(at('2026-11-22T12:00:00Z'));
    expect(await alerts.unreadCount()).toBe(3);
    expect((await alerts.list({ personId: a, unreadOnly: true, limit: 10 })).map((r) => r.id)).toEqual(['alert_newest', 'alert_second']);
    expect(await alerts.markRead('alert_missing', at('2026-11-22T12:00:00Z'))).toBeNull();
  });

  it('numbers alerts in the order stored, whatever their clocks say, for the live stream to follow', async () => {
    const a = await world.addPerson();
    const before = await alerts.maxRowId();
    await exposure(a, 'alert_late_clock', at('2026-11-22T12:00:00Z'));
    await insertHealthAlert(world.db, { personId: a, problem: 'no_successful_scan', at: at('2026-11-22T08:00:00Z') });
    await exposure(a, 'alert_early_clock', at('2026-11-22T09:00:00Z'));
    const after = await alerts.alertsAfterRowId(before, 10);
    expect(after.map((r) => r.id)).toEqual(['alert_late_clock', expect.stringMatching(/^alert_/), 'alert_early_clock']);
    expect(after[1]!.kind).toBe('health');
    expect(after.map((r) => r.rowId)).toEqual([before + 1, before + 2, before + 3]);
    expect(await alerts.maxRowId()).toBe(before + 3);
    expect((await alerts.alertsAfterRowId(before + 1, 1)).map((r) => r.kind)).toEqual(['health']);
    expect(await alerts.alertsAfterRowId(before + 3, 10)).toEqual([]);
  });

  it('hands out a due delivery to one sender only, and records sending, failing and postponing', async () => {
    const a = await world.addPerson();
    const now = at('2026-11-22T10:00:00Z');
    await exposure(a, 'alert_one', now, 'critical');
    await alerts.insertDeliveries([
      { id: 'dlv_email', alertId: 'alert_one', channel: 'email', target: 'inbox', mode: 'immediate', status: 'pending', nextAttemptAt: now, createdAt: now, updatedAt: now },
      { id: 'dlv_digest', alertId: 'alert_one', channel: 'email', target: 'inbox', mode: 'digest', status: 'pending', createdAt: now, updatedAt: now },
    ]);
    expect(await alerts.hasDueWork(now)).toBe(true);
    const [due] = await alerts.dueForSweep(now, 10);
    expect(due).toMatchObject({ delivery: { id: 'dlv_email' }, alert: { id: 'alert_one' }, language: 'en' });
    const lease = at('2026-11-22T10:05:00Z');
    expect(await alerts.claim(due!.delivery, lease, now)).toBe(true);
    expect(await alerts.claim(due!.delivery, lease, now)).toBe(false);
    expect(await alerts.hasDueWork(now)).toBe(false);
    expect((await alerts.dueDigest(now)).map((d) => d.delivery.id)).toEqual(['dlv_digest']);

    await alerts.recordFailure('dlv_digest', { attempts: 1, nextAttemptAt: lease, error: 'smtp refused', now });
    await alerts.recordSent(['dlv_email'], now);
    await alerts.postpone(['dlv_digest'], at('2026-11-22T11:00:00Z'), now);
    const byId = Object.fromEntries((await alerts.deliveriesOf(['alert_one'])).map((d) => [d.id, d]));
    expect(byId.dlv_email).toMatchObject({ status: 'sent', attempts: 1, nextAttemptAt: null, sentAt: now });
    expect(byId.dlv_digest).toMatchObject({ status: 'failed', attempts: 1, lastError: 'smtp refused', nextAttemptAt: at('2026-11-22T11:00:00Z') });
    expect(await alerts.dueForSweep(at('2026-11-22T10:30:00Z'), 10)).toEqual([]);
    expect((await alerts.dueForSweep(at('2026-11-22T11:00:00Z'), 10)).map((d) => d.delivery.id)).toEqual(['dlv_digest']);
    await alerts.recordFailure('dlv_digest', { attempts: 5, nextAttemptAt: null, error: 'gave up', now });
    expect((await alerts.deliveriesOf(['alert_one'])).find((d) => d.id === 'dlv_digest')?.status).toBe('gave_up');
  });

  it('finds recent health alerts no channel was told about, and whether a problem was already raised', async () => {
    const a = await world.addPerson();
    const since = at('2026-11-22T00:00:00Z');
    await insertHealthAlert(world.db, { personId: a, problem: 'every_engine_blocked', at: at('2026-11-21T12:00:00Z') });
    await insertHealthAlert(world.db, { personId: a, problem: 'no_successful_scan', at: at('2026-11-22T06:00:00Z') });
    expect(await hasHealthAlertSince(world.db, { personId: a, problem: 'no_successful_scan', since })).toBe(true);
    expect(await hasHealthAlertSince(world.db, { personId: a, problem: 'every_engine_blocked', since })).toBe(false);
    const fresh = await alerts.healthAlertsWithoutDeliveries(since);
    expect(fresh.map((r) => r.detail)).toEqual([{ problem: 'no_successful_scan' }]);
    await alerts.insertDeliveries([{ id: 'dlv_web', alertId: fresh[0]!.id, channel: 'web', target: 'dashboard', status: 'sent', createdAt: since, updatedAt: since }]);
    expect(await alerts.healthAlertsWithoutDeliveries(since)).toEqual([]);
  });

  it('gives the severities a hit was already announced at', async () => {
    const a = await world.addPerson();
    const hit = await exposure(a, 'alert_high', at('2026-11-22T10:00:00Z'), 'high');
    await alerts.insertAlert({ id: 'alert_worse', personId: a, hitId: hit.id, kind: 'exposure', severity: 'critical', createdAt: at('2026-11-22T11:00:00Z') });
    expect((await alerts.exposureSeveritiesForHit(hit.id)).toSorted()).toEqual(['critical', 'high']);
    expect(await alerts.exposureSeveritiesForHit('hit_missing')).toEqual([]);
  });
});
