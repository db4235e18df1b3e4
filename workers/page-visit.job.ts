import type { AppDeps } from '../src/deps.types.ts';
import { visitCandidate } from '../src/modules/scans/scan-pipeline.usecases.ts';
import { defineJobHandler } from './job-registry.ts';

export type PageVisitJobDeps = Pick<AppDeps, 'pipeline'>;

export function createPageVisitJob(deps: PageVisitJobDeps) {
  return defineJobHandler('page.visit', async (payload, ctx) => {
    await visitCandidate(deps.pipeline, { ...payload, attempt: ctx.attempt, maxAttempts: ctx.maxAttempts, signal: ctx.signal, complete: ctx.complete });
  });
}
