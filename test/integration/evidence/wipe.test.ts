import { transaction } from '../../../src/db/transaction.ts';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/test-app.ts';
import { profileOf, demoIdentifiers } from '../../helpers/profiles.ts';
import { recordCapture } from '../../../src/modules/evidence/captures.repository.ts';
import { wipePersonEvidence } from '../../../src/modules/evidence/wipe.usecases.ts';
import { verifyEvidence } from '../../../src/modules/evidence/verify.usecases.ts';

describe('wiping a person\'s evidence', () => {
  it('removes their files from the vault, keeps content another person also refers to, and still verifies', async () => {
    const app = await createTestApp();
    const organisationId = await app.profiles.ensureDefaultOrganisation();
    const person = async (label: string) => await app.profiles.createPerson({ organisationId, label, language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null, profile: profileOf(demoIdentifiers) });
    const [wiped, kept] = [await person('a'), await person('b')];
    const own = await app.evidence.put(Buffer.from('screenshot of a'), 'image/png');
    const shared = await app.evidence.put(Buffer.from('same bytes seen on both pages'), 'text/html');
    const original = await app.evidence.put(Buffer.from('original photo of a'), 'image/jpeg');
    for (const [personId, artifacts] of [[wiped, { screenshot: own.sha256, html: shared.sha256 }], [kept, { html: shared.sha256 }]] as const) {
      const { hit } = await transaction(app.db, async () => await app.hits.upsert({ personId, url: `https://x.example/${personId}`, normalizedUrl: `https://x.example/${personId}`, finalUrl: null, host: 'x.example', title: null, pageLanguage: null, severity: 'low', categories: [], linkage: false, reasons: [], scanRunId: 'r', matches: [] }));
      await recordCapture(app.evidence, { captureId: `cap_${personId}`, hitId: hit.id, purpose: 'initial', outcome: 'captured', requestedUrl: hit.url, visit: null, artifacts, capturedAt: app.clock.now(), actor: 'test' });
    }
    app.db.$client.prepare("insert into photos (id, person_id, label, sha256, pdq, quality, blockhash, width, height, original_ref, created_at) values ('ph', ?, 'p', 'x', ?, 100, 'b', 1, 1, ?, 0)").run(wiped, '0'.repeat(64), original.sha256);

    expect(await wipePersonEvidence(app.evidence, wiped, 'test')).toEqual({ filesRemoved: 2 });
    app.db.$client.prepare('delete from people where id = ?').run(wiped);
    expect(fs.existsSync(app.evidence.pathOf(own.sha256))).toBe(false);
    expect(fs.existsSync(app.evidence.pathOf(original.sha256))).toBe(false);
    expect(fs.existsSync(app.evidence.pathOf(shared.sha256))).toBe(true);
    const report = await verifyEvidence(app.evidence);
    expect(report.problems).toEqual([]);
    expect(app.db.$client.prepare("select action from custody_log where action = 'wiped'").all()).toHaveLength(1);
    await app.close();
  });
});
