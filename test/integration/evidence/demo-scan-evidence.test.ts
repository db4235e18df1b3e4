import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScanHarness } from '../../helpers/scan-harness.ts';
import { capturesOfHit } from '../../../src/modules/evidence/captures.repository.ts';
import { verifyEvidence } from '../../../src/modules/evidence/verify.usecases.ts';
import type { EvidenceVault } from '../../../src/modules/evidence/vault.ts';
import { noBrowser } from './evidence-fixtures.ts';

describe.skipIf(noBrowser)('evidence of a demo scan on the simulated web', () => {
  let harness: Awaited<ReturnType<typeof startScanHarness>>;
  let vault: EvidenceVault;

  beforeAll(async () => {
    harness = await startScanHarness();
    // The application captures evidence on its own: the vault and the capture step are part of its graph.
    vault = harness.app.evidence;
    await harness.startWorker();
    await harness.waitForRun((await harness.startScan()).id);
  }, 180_000);
  afterAll(() => harness?.close());

  it('keeps a stamped capture of every hit found on its page, and the evidence verifies', async () => {
    // A hit seen only in search results has no page to capture: its evidence is the results themselves.
    const all = await harness.app.hits.listForPerson(harness.personId);
    const hits = all.filter((h) => h.source === 'page');
    expect(hits.length).toBeGreaterThan(3);
    for (const hit of all.filter((h) => h.source === 'snippet')) {
      expect(await capturesOfHit(harness.app.db, harness.app.cipher, hit.id), harness.path(hit.url)).toHaveLength(0);
      expect((await harness.app.pipeline.uncheckedPages.snippetsOfHit(hit.id)).length, harness.path(hit.url)).toBeGreaterThan(0);
    }
    for (const hit of hits) {
      const captures = await capturesOfHit(harness.app.db, harness.app.cipher, hit.id);
      expect(captures, harness.path(hit.url)).toHaveLength(1);
      expect(Object.keys(captures[0]!.artifacts), harness.path(hit.url)).toEqual(expect.arrayContaining(['screenshot', 'html', 'mhtml', 'meta']));
    }
    const report = await verifyEvidence(vault);
    expect(report.problems).toEqual([]);
    expect(report.captures).toBe(hits.length);
  });

  it('does not capture a known hit again when the person is scanned again', async () => {
    const before = (await verifyEvidence(vault)).captures;
    await harness.waitForRun((await harness.startScan()).id);
    expect((await verifyEvidence(vault)).captures).toBe(before);
  }, 180_000);
});
