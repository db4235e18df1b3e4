import type { AppDeps } from '../src/app.ts';
import { retryUncheckedPage } from '../src/modules/scans/unchecked-retry.usecases.ts';
import { defineJobHandler } from './job-registry.ts';

export function createPageRetryJob(deps: AppDeps) {
  return defineJobHandler('page.retry', async (payload, ctx) => {
    await retryUncheckedPage(deps.pipeline, { uncheckedPageId: payload.uncheckedPageId, signal: ctx.signal, complete: ctx.complete });
  });
}
