import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScanHarness } from '../../helpers/scan-harness.ts';
import { PLANTED_PAGES } from '../../../src/simweb/planted.ts';
import { normalizeUrl } from '../../../src/shared/url.models.ts';
import { transaction } from '../../../src/db/transaction.ts';
import { visitCandidate } from '../../../src/modules/scans/scan-pipeline.usecases.ts';

/**
 * The last page's job ends its run in the same transaction. A worker that dies right after that job commits
 * (here: `complete` commits, then the handler is cut off) must not leave a run with every page settled
 * "running" for good: no job is left that would look at it again.
 */
describe('a run ends with its last page, in the same commit', () => {
  let harness: Awaited<ReturnType<typeof startScanHarness>>;
  beforeAll(async () => {
    harness = await startScanHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  for (const expect_ of ['hit', 'none'] as const) {
    it(`finishes the run although the worker stops right after the last page's commit (a page with ${expect_ === 'hit' ? 'a hit' : 'no hit'})`, async () => {
      const { app, personId, web } = harness;
      const planted = PLANTED_PAGES.find((p) => p.expect === expect_)!;
      const url = `${web.url}${planted.path}`;
      const { run } = await app.scans.createRun({ personId, trigger: 'manual', engines: [], allowHosts: harness.allowHosts, rotationCursor: 0 });
      await app.scans.markRunning(run.id, 1);
      const [candidateId] = await app.scans.recordSearch({
        runId: run.id, personId, engine: 'test', query: 'q', queryKind: 'name', outcome: 'ok', signal: null, durationMs: 0,
        results: [{ url, title: '', snippet: '', normalizedUrl: normalizeUrl(url) }],
      });
      await app.scans.markSearchesFinished(run.id);
      const stopped = new Error('the worker stopped here');
      await expect(visitCandidate(app.pipeline, {
        scanRunId: run.id, candidateId: candidateId!, attempt: 1, maxAttempts: 3,
        complete: async (effects) => {
          await transaction(app.db, effects);
          throw stopped;
        },
      })).rejects.toBe(stopped);
      const after = (await app.scans.getRun(run.id))!;
      expect(await app.scans.pendingCandidateIds(run.id)).toEqual([]);
      expect(after.finishedAt).not.toBeNull();
      expect(after.status).toBe('succeeded');
      if (expect_ === 'hit') expect(after.hitsNew).toBe(1);
    });
  }
});
