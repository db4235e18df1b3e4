import { describe, expect, it } from 'vitest';
import { isSettled, nextLookInMs, parsePageReport } from '../../../src/browser/page-settle.models.ts';

const policy = { quietWindowMs: 150 };
const quietPage = { pendingTimers: 0, domQuietMs: 400, scripted: true };

describe('deciding that a loaded page has settled', () => {
  it('is settled when no request is in flight, no short timer is pending and network and DOM were still for the window', () => {
    expect(isSettled({ inFlight: 0, networkQuietMs: 200, page: quietPage }, policy)).toBe(true);
  });

  it('is not settled while a request is in flight, a timer is pending, or the network or DOM moved within the window', () => {
    expect(isSettled({ inFlight: 1, networkQuietMs: 900, page: quietPage }, policy)).toBe(false);
    expect(isSettled({ inFlight: 0, networkQuietMs: 100, page: quietPage }, policy)).toBe(false);
    expect(isSettled({ inFlight: 0, networkQuietMs: 900, page: { pendingTimers: 1, domQuietMs: 900, scripted: true } }, policy)).toBe(false);
    expect(isSettled({ inFlight: 0, networkQuietMs: 900, page: { pendingTimers: 0, domQuietMs: 20, scripted: true } }, policy)).toBe(false);
  });

  it('falls back to network silence alone when the page gives no report', () => {
    expect(isSettled({ inFlight: 0, networkQuietMs: 200, page: null }, policy)).toBe(true);
    expect(isSettled({ inFlight: 0, networkQuietMs: 10, page: null }, policy)).toBe(false);
  });

  it('looks again after the poll interval while a request is in flight or a timer is pending', () => {
    expect(nextLookInMs({ inFlight: 1, networkQuietMs: 0, page: quietPage }, policy, 25)).toBe(25);
    expect(nextLookInMs({ inFlight: 0, networkQuietMs: 0, page: { pendingTimers: 2, domQuietMs: 0, scripted: true } }, policy, 25)).toBe(25);
  });

  it('waits for the earliest moment network and DOM can both have been still for the window, never less than the poll interval', () => {
    expect(nextLookInMs({ inFlight: 0, networkQuietMs: 10, page: { pendingTimers: 0, domQuietMs: 100, scripted: true } }, policy, 25)).toBe(140);
    expect(nextLookInMs({ inFlight: 0, networkQuietMs: 120, page: { pendingTimers: 0, domQuietMs: 5.5, scripted: true } }, policy, 25)).toBe(145);
    expect(nextLookInMs({ inFlight: 0, networkQuietMs: 140, page: { pendingTimers: 0, domQuietMs: 400, scripted: true } }, policy, 25)).toBe(25);
    expect(nextLookInMs({ inFlight: 0, networkQuietMs: 30, page: null }, policy, 25)).toBe(120);
  });

  it('takes a document that never held anything that runs script as settled at once, whatever its network or DOM did last', () => {
    const scriptless = { pendingTimers: 0, domQuietMs: 2, scripted: false };
    expect(isSettled({ inFlight: 0, networkQuietMs: 0, page: scriptless }, policy)).toBe(true);
    expect(isSettled({ inFlight: 2, networkQuietMs: 0, page: scriptless }, policy)).toBe(true);
    expect(isSettled({ inFlight: 0, networkQuietMs: 0, page: { ...scriptless, scripted: true } }, policy)).toBe(false);
  });

  it('takes only two finite non-negative numbers and a 0 or 1 from the page as its report', () => {
    expect(parsePageReport([2, 31.5, 1])).toEqual({ pendingTimers: 2, domQuietMs: 31.5, scripted: true });
    expect(parsePageReport([0, 8, 0])).toEqual({ pendingTimers: 0, domQuietMs: 8, scripted: false });
    for (const forged of [null, 'x', [1], [1, 2], [1, 2, 3], [1, 2, true], [1, 2, 1, 0], [-1, 5, 1], [1, Infinity, 1], ['1', 2, 1], { 0: 1, 1: 2, 2: 0, length: 3 }]) expect(parsePageReport(forged)).toBeNull();
  });
});
