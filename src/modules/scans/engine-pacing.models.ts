/** Whether a request to an engine may start now, and if not, when to ask again. */
export type EngineTurn = { go: true } | { go: false; askAgainAt: number };

/**
 * An engine's turns, shared by every process that searches: `take` claims the engine for one request (bounded by
 * `busyForMs`, so a process that dies mid-request frees it), `finished` ends the claim and sets when the next
 * request may start.
 */
export interface EnginePacing {
  take(engine: string, holder: string, nowMs: number, busyForMs: number): Promise<EngineTurn>;
  finished(engine: string, holder: string, atMs: number, gapMs: number): Promise<void>;
}

/** How long a waiting process sleeps at most before asking again while another holds the engine (its end is unknown). */
export const BUSY_POLL_MS = 250;

/** Names a process's turns: its machine and pid (so a dead holder can be recognised) and a nonce per runtime. */
export function pacingHolder(host: string, pid: number, nonce: string): string {
  return `${host}|${pid}|${nonce}`;
}

export function holderProcess(holder: string): { host: string; pid: number } | null {
  const [host, pid] = holder.split('|');
  return host && pid && /^\d+$/.test(pid) ? { host, pid: Number(pid) } : null;
}

/**
 * A request may start once the interval after the last one has passed and nobody else is busy with the engine.
 * A holder known to be gone (a killed worker on this machine) frees the engine at once instead of at its bound.
 */
export function decideTurn(row: { nextAt: number; busyUntil: number; holder?: string | null } | null, nowMs: number, holderGone: (holder: string) => boolean = () => false): EngineTurn {
  if (!row) return { go: true };
  const busy = row.busyUntil > nowMs && !(row.holder && holderGone(row.holder));
  if (!busy && row.nextAt <= nowMs) return { go: true };
  const askAgainAt = busy ? Math.min(row.busyUntil, nowMs + BUSY_POLL_MS) : row.nextAt;
  return { go: false, askAgainAt: Math.max(askAgainAt, nowMs + 1) };
}
