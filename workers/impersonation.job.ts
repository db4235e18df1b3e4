import type { AppDeps } from '../src/deps.types.ts';
import { runImpersonationCheck } from '../src/modules/impersonation/impersonation.usecases.ts';
import { defineJobHandler } from './job-registry.ts';

export type ImpersonationCheckJobDeps = Pick<AppDeps, 'impersonation'>;

export function createImpersonationCheckJob(deps: ImpersonationCheckJobDeps) {
  return defineJobHandler('impersonation.check', async ({ checkId }, ctx) => {
    await runImpersonationCheck(deps.impersonation, { checkId, attempt: ctx.attempt, maxAttempts: ctx.maxAttempts, signal: ctx.signal, complete: ctx.complete });
  });
}
