import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/test-app.ts';
import { imitationSiteList } from '../../../src/simweb/sites/imitations.ts';
import { parseProfile } from '../../../src/modules/profiles/profile-file.models.ts';
import type { App } from '../../../src/app.ts';

const profile = { names: ['Marie-Claire Dubois'], aliases: ['Lola Velvet'], phones: [], emails: [], addresses: [], handles: ['@lola_v'], photos: [], ownUrls: [] };

describe('IMPERSONATION_WATCH', () => {
  let app: App | null = null;
  afterEach(async () => {
    await app?.close();
    app = null;
  });

  /** Starts a scan run the way the pipeline does and counts the lookups and lookup jobs it planned. */
  async function planWith(env: Record<string, string>) {
    app = await createTestApp({ env, ...({ impersonationSites: imitationSiteList('http://127.0.0.1:9') } as object) });
    const parsed = parseProfile(profile, { defaultCountry: 'BE' });
    if (!parsed.ok) throw new Error('bad profile');
    const organisationId = await app.profiles.ensureDefaultOrganisation();
    const personId = await app.profiles.createPerson({ organisationId, label: 'Lola', language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null, profile: parsed.profile });
    const run = (await app.scans.createRun({ personId, trigger: 'manual', engines: ['duckduckgo'], allowHosts: [], rotationCursor: 0 })).run;
    await app.pipeline.impersonation?.plan(run, parsed.profile);
    const count = (sql: string) => (app!.db.$client.prepare(sql).get() as { n: number }).n;
    return { checks: count('select count(*) n from impersonation_checks'), jobs: count("select count(*) n from jobs where kind = 'impersonation.check'") };
  }

  it('looks the person\'s handles up on the site list by default', async () => {
    const planned = await planWith({});
    expect(planned.checks).toBeGreaterThan(0);
    expect(planned.jobs).toBe(planned.checks);
  });

  it('plans no lookup and queues no job when turned off, so no handle is sent to any site', async () => {
    expect(await planWith({ IMPERSONATION_WATCH: 'off' })).toEqual({ checks: 0, jobs: 0 });
  });

  it('refuses a value other than on or off at start-up', async () => {
    await expect(createTestApp({ env: { IMPERSONATION_WATCH: 'maybe' } })).rejects.toThrow(/IMPERSONATION_WATCH/);
  });
});
