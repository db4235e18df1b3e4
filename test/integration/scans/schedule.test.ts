import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/test-app.ts';
import { importPerson } from '../../../src/modules/profiles/profiles.usecases.ts';
import { enqueueDueScans, startScan } from '../../../src/modules/scans/scans.usecases.ts';
import { computeNextScanAt } from '../../../src/modules/scans/schedule.models.ts';
import { nextCronOccurrence, validateCronExpression } from '../../../src/shared/cron.models.ts';
import { parseProfile } from '../../../src/modules/profiles/profile-file.models.ts';

const profile = { names: ['Marie-Claire Dubois'], aliases: ['Lola Velvet'] };

async function setup() {
  const app = await createTestApp({ random: () => 0.5 });
  const importDeps = { profiles: app.profiles, clock: app.clock, random: app.random, defaultSchedule: '0 3 * * *', jitterMinutes: 40 };
  const { personId } = await importPerson(importDeps, { label: 'me', profile });
  const tickDeps = { ...app, jitterMinutes: 40 };
  return { app, personId, tick: async () => await enqueueDueScans(tickDeps) };
}

describe('scan scheduling', () => {
  it('gives a new person a daily scan time with jitter', async () => {
    const { app, personId } = await setup();
    const person = (await app.profiles.getPerson(personId))!;
    const base = nextCronOccurrence('0 3 * * *', app.clock.now())!;
    expect(person.nextScanAt!.getTime() - base.getTime()).toBe(20 * 60_000);
  });

  it('starts a scan when it is due and moves the next time forward', async () => {
    const { app, personId, tick } = await setup();
    expect(await tick()).toBe(0);
    app.clock.set((await app.profiles.getPerson(personId))!.nextScanAt!);
    expect(await tick()).toBe(1);
    const runs = await app.scans.listRuns(personId);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.trigger).toBe('schedule');
    expect((await app.profiles.getPerson(personId))!.nextScanAt!.getTime()).toBeGreaterThan(app.clock.now().getTime());
    expect(await app.jobs.countByStatus()).toMatchObject({ queued: 1 });
  });

  it('catches up once after downtime instead of once per missed day', async () => {
    const { app, personId, tick } = await setup();
    app.clock.advance(5 * 86_400_000);
    expect(await tick()).toBe(1);
    expect(await tick()).toBe(0);
    expect((await app.scans.listRuns(personId)).map((r) => r.trigger)).toEqual(['catch_up']);
  });

  it('never runs two scans of one person at once', async () => {
    const { app, personId } = await setup();
    const first = await startScan(app, { personId, trigger: 'manual' });
    const second = await startScan(app, { personId, trigger: 'manual' });
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.run.id).toBe(first.run.id);
  });

  it('skips a disabled schedule', async () => {
    const { app, personId, tick } = await setup();
    await app.profiles.updateSchedule(personId, { scheduleEnabled: false });
    app.clock.advance(3 * 86_400_000);
    expect(await tick()).toBe(0);
  });

  it('keeps the demo person away from the real web', async () => {
    const { app } = await setup();
    const organisationId = await app.profiles.ensureDefaultOrganisation();
    const parsed = parseProfile(profile);
    if (!parsed.ok) throw new Error('profile');
    const demoId = await app.profiles.createPerson({ organisationId, label: 'demo', language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: new Date(0), profile: parsed.profile, isDemo: true });
    await expect(startScan(app, { personId: demoId, trigger: 'manual' })).rejects.toThrow(expect.objectContaining({ code: 'scans.demo_web_off' }));
    // Its schedule is due, but the scheduler leaves it alone while the simulated web is off.
    await enqueueDueScans({ ...app, jitterMinutes: 0 });
    expect(await app.scans.listRuns(demoId)).toEqual([]);
  });

  it('refuses an expression that can never fire before it is stored', () => {
    expect(validateCronExpression('0 0 30 2 *')).toMatch(/impossible/);
    expect(computeNextScanAt({ cron: '0 0 29 2 *', after: new Date(2026, 0, 1), jitterMinutes: 0, random: () => 0, next: nextCronOccurrence })).toEqual(new Date(2028, 1, 29));
  });
});
