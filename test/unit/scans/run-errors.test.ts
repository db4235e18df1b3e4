import { describe, expect, it } from 'vitest';
import { readRunError, runErrors, scanStoppedError } from '../../../src/modules/scans/run-errors.models.ts';

describe('a run error, told apart from its stored text', () => {
  it('knows each fixed text, and a stop with its detail', () => {
    for (const kind of Object.keys(runErrors) as (keyof typeof runErrors)[]) expect(readRunError(runErrors[kind])).toEqual({ kind });
    expect(readRunError(scanStoppedError('Navigation timeout: 30000 ms'))).toEqual({ kind: 'stopped', detail: 'Navigation timeout: 30000 ms' });
    expect(readRunError(scanStoppedError(null))).toEqual({ kind: 'stopped', detail: 'its job ended without finishing' });
  });

  it('leaves a text it did not write alone, even one that starts like a fixed one', () => {
    expect(readRunError('Cancelled by the operator.')).toBeNull();
    expect(readRunError(`${runErrors.noSearchSucceeded} And more.`)).toBeNull();
  });
});
