import { describe, expect, it } from 'vitest';
import { INTERRUPTED_ATTEMPTS_CAP } from '../../../src/modules/jobs/jobs.repository.ts';
import { createTestApp } from '../../helpers/test-app.ts';
import { workersDieUnder } from '../../helpers/dying-workers.ts';
import { demoIdentifiers, profileOf } from '../../helpers/profiles.ts';

describe('a scan job that dies', () => {
  it('closes its run as failed when workers keep dying under it, so the person can be scanned again', async () => {
    const app = await createTestApp();
    try {
      const organisationId = await app.profiles.ensureDefaultOrganisation();
      const personId = await app.profiles.createPerson({ organisationId, label: 'p', language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null, profile: profileOf(demoIdentifiers) });
      const { run } = await app.scans.createRun({ personId, trigger: 'manual', engines: ['searxng'], allowHosts: [], rotationCursor: 0 });
      await app.scans.markRunning(run.id, 4);
      const jobId = (await app.jobs.enqueue({ kind: 'scan.run', payload: { scanRunId: run.id } }))!;
      // Each worker claims the scan and dies while searching; the next claim revives it, up to the cap.
      const claims = await workersDieUnder(app, jobId, 'scan.run');
      expect(claims).toBe(INTERRUPTED_ATTEMPTS_CAP);
      expect(await app.jobs.get(jobId)).toMatchObject({ status: 'dead', lastError: expect.stringMatching(/lease expired/) });

      const closed = (await app.scans.getRun(run.id))!;
      expect(closed).toMatchObject({ status: 'failed', error: expect.stringMatching(/^The scan stopped: .*lease expired/) });
      expect(closed.finishedAt).not.toBeNull();
      // The next scan starts instead of returning the dead one as "already running".
      const next = await app.scans.createRun({ personId, trigger: 'manual', engines: ['searxng'], allowHosts: [], rotationCursor: 0 });
      expect(next.created).toBe(true);
      expect(next.run.id).not.toBe(run.id);
    } finally {
      await app.close();
    }
  });
});
