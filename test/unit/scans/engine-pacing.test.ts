import { describe, expect, it } from 'vitest';
import { BUSY_POLL_MS, decideTurn, holderProcess, pacingHolder } from '../../../src/modules/scans/engine-pacing.models.ts';

describe('an engine\'s turn', () => {
  it('goes at once to the first request an engine ever gets', () => {
    expect(decideTurn(null, 1_000)).toEqual({ go: true });
  });

  it('goes once the interval after the last request has passed and nobody is busy with the engine', () => {
    expect(decideTurn({ nextAt: 1_000, busyUntil: 0 }, 1_000)).toEqual({ go: true });
    expect(decideTurn({ nextAt: 1_500, busyUntil: 0 }, 1_000)).toEqual({ go: false, askAgainAt: 1_500 });
  });

  it('while another worker is busy, asks again soon (its end is unknown) but never after the busy bound', () => {
    expect(decideTurn({ nextAt: 0, busyUntil: 60_000 }, 1_000)).toEqual({ go: false, askAgainAt: 1_000 + BUSY_POLL_MS });
    expect(decideTurn({ nextAt: 0, busyUntil: 1_100 }, 1_000)).toEqual({ go: false, askAgainAt: 1_100 });
  });

  it('treats a busy bound that has passed as a worker that died: the engine is free', () => {
    expect(decideTurn({ nextAt: 900, busyUntil: 999 }, 1_000)).toEqual({ go: true });
  });

  it('frees the engine at once when its holder is known to be gone, and only then', () => {
    const held = { nextAt: 0, busyUntil: 60_000, holder: pacingHolder('scanner-1', 4242, 'n') };
    expect(decideTurn(held, 1_000, (h) => holderProcess(h)?.pid === 4242)).toEqual({ go: true });
    expect(decideTurn(held, 1_000, () => false)).toEqual({ go: false, askAgainAt: 1_000 + BUSY_POLL_MS });
  });

  it('reads back the machine and process a holder names, and nothing from a malformed one', () => {
    expect(holderProcess(pacingHolder('scanner-1', 4242, 'abc'))).toEqual({ host: 'scanner-1', pid: 4242 });
    expect(holderProcess('a worker that was killed')).toBeNull();
  });
});
