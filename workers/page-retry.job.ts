import type { AppDeps } from '../src/deps.types.ts';
import { retryUncheckedPage } from '../src/modules/scans/unchecked-retry.usecases.ts';
import { defineJobHandler } from './job-registry.ts';

export type PageRetryJobDeps = Pick<AppDeps, 'pipeline'>;

export function createPageRetryJob(deps: PageRetryJobDeps) {
  return defineJobHandler('page.retry', async (payload, ctx) => {
    await retryUncheckedPage(deps.pipeline, { uncheckedPageId: payload.uncheckedPageId, signal: ctx.signal, complete: ctx.complete });
  });
}
