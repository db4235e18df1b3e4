import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatedWeb } from '../../../src/simweb/server.ts';
import { startScanHarness } from '../../helpers/scan-harness.ts';
import { transaction } from '../../../src/db/transaction.ts';
import { runImpersonationCheck } from '../../../src/modules/impersonation/impersonation.usecases.ts';

/**
 * A run whose last open part is a handle lookup ends in that lookup's commit. A worker that dies right after
 * the commit (here: `complete` commits, then the handler is cut off) must not leave a run with every part
 * settled "running" for good: no job is left that would look at it again.
 */
describe('a run ends with its last handle lookup, in the same commit', () => {
  let harness: Awaited<ReturnType<typeof startScanHarness>>;
  beforeAll(async () => {
    const web = await createSimulatedWeb({ port: 0, indexHostile: false });
    harness = await startScanHarness({ web, extensions: { impersonationSites: web.impersonationSites } });
  });
  afterAll(async () => {
    await harness?.close();
  });

  const lookups = [
    { outcome: 'present', handle: 'lolavelvet', hitsNew: 1 },
    { outcome: 'not present', handle: 'nobody_by_this_name_4471', hitsNew: 0 },
  ] as const;

  for (const lookup of lookups) {
    it(`finishes the run although the worker stops right after the last lookup's commit (a profile ${lookup.outcome})`, async () => {
      const { app, personId, web } = harness;
      const { run } = await app.scans.createRun({ personId, trigger: 'manual', engines: [], allowHosts: harness.allowHosts, rotationCursor: 0 });
      await app.scans.markRunning(run.id, 1);
      await app.scans.recordSearch({ runId: run.id, personId, engine: 'test', query: 'q', queryKind: 'name', outcome: 'ok', signal: null, durationMs: 0, results: [] });
      const [checkId] = await app.impersonation.checks.plan({
        scanRunId: run.id, personId, listVersion: 'test',
        probes: [{ siteId: 'photogram', url: `${web.url}/site/photogram/${lookup.handle}/`, handle: lookup.handle, source: 'handle', identifier: lookup.handle }],
      });
      await app.scans.markSearchesFinished(run.id);
      // Nothing else is open: the lookup is the run's last part.
      expect(await app.scans.finishIfComplete(run.id)).toBeNull();
      const stopped = new Error('the worker stopped here');
      await expect(runImpersonationCheck(app.impersonation, {
        checkId: checkId!, attempt: 1, maxAttempts: 3,
        complete: async (effects) => {
          await transaction(app.db, effects);
          throw stopped;
        },
      })).rejects.toBe(stopped);
      expect(await app.impersonation.checks.pendingIds(run.id)).toEqual([]);
      const after = (await app.scans.getRun(run.id))!;
      expect(after.finishedAt).not.toBeNull();
      expect(after.status).toBe('succeeded');
      expect(after.hitsNew).toBe(lookup.hitsNew);
    });
  }
});
