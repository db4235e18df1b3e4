/**
 * Where the time of one page visit goes, phase by phase. Nothing is recorded unless a sink is given: the
 * scan-pipeline bench passes one to profile the pipeline; the service passes none, so no timing piles up
 * in memory or in the log.
 */
export type VisitPhase =
  /** Opening the browser context and its page (and the egress scope's proxy). */
  | 'context'
  /** `goto` until the `load` event. */
  | 'navigation'
  /** After `load`, waiting for script-built content (network and DOM quiet, bounded). */
  | 'settle'
  /** Reading text, attributes, image addresses and the HTML out of the page. */
  | 'extraction'
  /** Page images fetched and hashed, and the page's screenshot searched for the person's photos. */
  | 'photos'
  /** Text matching and classification. */
  | 'matching'
  /** Evidence of a matching page: MHTML, stamped screenshot, HTML, images, sealed into the vault. */
  | 'evidence'
  /** Closing the page's context, as far as the job waits for it (a context closed in the background costs ~0 here). */
  | 'close'
  /** The transaction that stores the hit (sealed fields) or the candidate's end with the job. */
  | 'commit'
  /** After the commit: alerts and other after-hit steps, and finishing the scan when it is complete. */
  | 'after';

export type VisitTimingSink = (phase: VisitPhase, ms: number) => void;

export async function timed<T>(sink: VisitTimingSink | undefined, phase: VisitPhase, work: () => Promise<T>): Promise<T> {
  if (!sink) return work();
  const started = performance.now();
  try {
    return await work();
  } finally {
    sink(phase, performance.now() - started);
  }
}

export function timedSync<T>(sink: VisitTimingSink | undefined, phase: VisitPhase, work: () => T): T {
  if (!sink) return work();
  const started = performance.now();
  try {
    return work();
  } finally {
    sink(phase, performance.now() - started);
  }
}
