import dns from 'node:dns/promises';

/** Resolves a host name to all of its addresses; tests pass their own to play DNS tricks. */
export type Resolver = (host: string) => Promise<string[]>;

export const systemResolver: Resolver = async (host) => (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
