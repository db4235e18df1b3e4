/**
 * The signals on which a long-running process of the service (`npm start`, `exposure-scanner serve`) shuts
 * itself down: running jobs finish or are released, the browser is closed last. SIGHUP is among them because a
 * closed terminal must not leave a half-stopped service behind.
 */
export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;
