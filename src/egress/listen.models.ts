/**
 * Where scopes listen. By default 127.0.0.1, reachable by this machine's own Chromium only. Browser servers on other
 * machines need the gateway on an address they reach (`host`, which may be a wildcard) and the name they reach it
 * by (`advertiseHost`); each scope then demands its own random credentials, so nobody else on that network can use
 * a scope's listener as an open proxy.
 */
export interface EgressListen {
  host: string;
  advertiseHost: string;
}

export const loopbackListen: EgressListen = { host: '127.0.0.1', advertiseHost: '127.0.0.1' };

/** 0.0.0.0 or ::: the listener takes every address of the machine, so none of them names it by itself. */
export const listensOnEveryAddress = (host: string): boolean => host === '0.0.0.0' || host === '::';
