import type { JobPayload } from '../jobs/job-kinds.ts';
import type { ScansRepository } from './scans.repository.ts';
import { scanStoppedError } from './run-errors.models.ts';

/**
 * A scan job that died (workers kept dying under it, so its own last-attempt handling never ran) closes its
 * run as failed, with the job's last error. Without this the run stays "running" for good: the person's
 * scheduled and manual scans would keep getting that run back as the one already under way, and nothing
 * would be scanned again. Runs inside the transaction that buries the job; a run already closed (the last
 * attempt failed and closed it itself) is left as it is.
 */
export async function settleDeadScan(scans: Pick<ScansRepository, 'failRun'>, job: { payload: JobPayload<'scan.run'>; lastError: string | null }): Promise<void> {
  await scans.failRun(job.payload.scanRunId, scanStoppedError(job.lastError));
}
