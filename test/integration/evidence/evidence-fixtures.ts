import { transaction } from '../../../src/db/transaction.ts';
import { chromium } from 'playwright';
import { createTestApp } from '../../helpers/test-app.ts';
import { locateBrowser } from '../../../src/browser/browser-locator.ts';
import { parseProfile } from '../../../src/modules/profiles/profile-file.models.ts';
import { demoProfile } from '../../../src/demo/demo-person.ts';
import { openEvidenceVault } from '../../../src/modules/evidence/evidence-key.ts';
import type { EvidenceSettings } from '../../../src/config/evidence.settings.ts';
import type { JobKindSpec } from '../../../src/modules/jobs/jobs.models.ts';

export const browserLocation = locateBrowser({ wsEndpoint: undefined, chromiumPath: process.env.CHROMIUM_PATH, playwrightExecutablePath: () => chromium.executablePath() });
export const noBrowser = browserLocation.kind === 'missing' && !process.env.CI;

export const defaultEvidenceSettings = (overrides: Partial<EvidenceSettings> = {}): EvidenceSettings => ({
  key: undefined, keyFile: undefined, tsaUrl: undefined, recheckSchedule: '0 */6 * * *', ...overrides,
});

/** A test app with a vault in its temporary DATA_DIR, a person (the fictional demo profile) and one hit. */
export async function createEvidenceTestApp(options: { withBrowser?: boolean; env?: Record<string, string>; settings?: Partial<EvidenceSettings>; categories?: string[]; url?: string; jobKinds?: Record<string, JobKindSpec> } = {}) {
  const app = await createTestApp({ env: { ALLOW_PRIVATE_HOSTS: '127.0.0.1', ...options.env }, ...(options.withBrowser ? { browserLocation } : {}), ...(options.jobKinds ? { jobKinds: options.jobKinds } : {}) });
  const vault = await openEvidenceVault({ dataDir: app.config.dataDir, db: app.db, settings: defaultEvidenceSettings(options.settings), logger: app.logger, clock: app.clock });
  const parsed = parseProfile(demoProfile('http://127.0.0.1:1'), { defaultCountry: 'BE' });
  if (!parsed.ok) throw new Error('bad demo profile');
  const organisationId = await app.profiles.ensureDefaultOrganisation();
  const personId = await app.profiles.createPerson({ organisationId, label: 'demo', language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null, profile: parsed.profile });
  app.db.$client.prepare("update people set timezone = 'Europe/Brussels' where id = ?").run(personId);
  const url = options.url ?? 'http://127.0.0.1:9/post/1';
  const { hit } = await transaction(app.db, async () =>
    await app.hits.upsert({
      personId, url, normalizedUrl: url, finalUrl: url, host: '127.0.0.1', title: 'A post', pageLanguage: 'en', severity: 'high',
      categories: options.categories ?? ['phone'], linkage: true, reasons: ['Your phone number is on this page.'], scanRunId: 'run_test',
      matches: [{ kind: 'phone', value: '+32470123456', found: '+32 470 12 34 56', reason: 'phone' }],
    }),
  );
  return { app, vault, personId, hit };
}
