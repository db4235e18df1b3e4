import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/test-app.ts';
import { importPerson } from '../../../src/modules/profiles/profiles.usecases.ts';
import { enqueueDueScans, startScan } from '../../../src/modules/scans/scans.usecases.ts';
import { computeNextScanAt } from '../../../src/modules/scans/schedule.models.ts';
import { nextCronOccurrence, validateCronExpression } from '../../../src/shared/cron.models.ts';
import { parseProfile } from '../../../src/modules/profiles/profile-file.models.ts';

const profile = { names: ['Marie-Claire Dubois'], aliases: ['Lola Velvet'] };

function setup() {
  const app = createTestApp({ random: () => 0.5 });
  const importDeps = { profiles: app.profiles, clock: app.clock, random: app.random, defaultSchedule: '0 3 * * *', jitterMinutes: 40 };
  const { personId } = importPerson(importDeps, { label: 'me', profile });
  const tickDeps = { ...app, jitterMinutes: 40 };
  return { app, personId, tick: () => enqueueDueScans(tickDeps) };
}

describe('scan scheduling', () => {
  it('gives a new person a daily scan time with jitter', () => {
    const { app, personId } = setup();
    const person = app.profiles.getPerson(personId)!;
    const base = nextCronOccurrence('0 3 * * *', app.clock.now())!;
    expect(person.nextScanAt!.getTime() - base.getTime()).toBe(20 * 60_000);
  });

  it('starts a scan when it is due and moves the next time forward', () => {
    const { app, personId, tick } = setup();
    expect(tick()).toBe(0);
    app.clock.set(app.profiles.getPerson(personId)!.nextScanAt!);
    expect(tick()).toBe(1);
    const runs = app.scans.listRuns(personId);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.trigger).toBe('schedule');
    expect(app.profiles.getPerson(personId)!.nextScanAt!.getTime()).toBeGreaterThan(app.clock.now().getTime());
    expect(app.jobs.countByStatus()).toMatchObject({ queued: 1 });
  });

  it('catches up once after downtime instead of once per missed day', () => {
    const { app, personId, tick } = setup();
    app.clock.advance(5 * 86_400_000);
    expect(tick()).toBe(1);
    expect(tick()).toBe(0);
    expect(app.scans.listRuns(personId).map((r) => r.trigger)).toEqual(['catch_up']);
  });

  it('never runs two scans of one person at once', () => {
    const { app, personId } = setup();
    const first = startScan(app, { personId, trigger: 'manual' });
    const second = startScan(app, { personId, trigger: 'manual' });
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.run.id).toBe(first.run.id);
  });

  it('skips a disabled schedule', () => {
    const { app, personId, tick } = setup();
    app.profiles.updateSchedule(personId, { scheduleEnabled: false });
    app.clock.advance(3 * 86_400_000);
    expect(tick()).toBe(0);
  });

  it('keeps the demo person away from the real web', () => {
    const { app } = setup();
    const organisationId = app.profiles.ensureDefaultOrganisation();
    const parsed = parseProfile(profile);
    if (!parsed.ok) throw new Error('profile');
    const demoId = app.profiles.createPerson({ organisationId, label: 'demo', language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: new Date(0), profile: parsed.profile, isDemo: true });
    expect(() => startScan(app, { personId: demoId, trigger: 'manual' })).toThrow(expect.objectContaining({ code: 'scans.demo_web_off' }));
    // Its schedule is due, but the scheduler leaves it alone while the simulated web is off.
    enqueueDueScans({ ...app, jitterMinutes: 0 });
    expect(app.scans.listRuns(demoId)).toEqual([]);
  });

  it('refuses an expression that can never fire before it is stored', () => {
    expect(validateCronExpression('0 0 30 2 *')).toMatch(/impossible/);
    expect(computeNextScanAt({ cron: '0 0 29 2 *', after: new Date(2026, 0, 1), jitterMinutes: 0, random: () => 0, next: nextCronOccurrence })).toEqual(new Date(2028, 1, 29));
  });
});
