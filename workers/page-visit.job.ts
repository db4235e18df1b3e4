import type { AppDeps } from '../src/app.ts';
import { visitCandidate } from '../src/modules/scans/scan-pipeline.usecases.ts';
import { defineJobHandler } from './job-registry.ts';

export function createPageVisitJob(deps: AppDeps) {
  return defineJobHandler('page.visit', async (payload, ctx) => {
    await visitCandidate(deps.pipeline, { ...payload, attempt: ctx.attempt, maxAttempts: ctx.maxAttempts, signal: ctx.signal, complete: ctx.complete });
  });
}
