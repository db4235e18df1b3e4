import { describe, expect, it } from 'vitest';
import { canonicalHost, classifyNonPublicIp, decideEgress, parseAllowRules, parseIpv4Literal } from '../../../src/egress/egress-policy.models.ts';
import { describeUpstream, ipv6Bytes, parseUpstream, socks5ConnectRequest } from '../../../src/egress/upstream.models.ts';
import { parseEgressSettings } from '../../../src/config/egress.settings.ts';

describe('the egress address policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'], ['10.1.2.3', 'private'], ['172.20.0.1', 'private'], ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'], ['100.64.0.1', 'carrier-grade NAT'], ['0.0.0.0', 'this-network'], ['224.0.0.1', 'multicast'],
    ['::', 'unspecified'], ['::1', 'loopback'], ['fe80::1', 'IPv6 link-local'], ['fd00::1', 'unique local (IPv6 ULA)'], ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'], ['::ffff:7f00:1', 'loopback'], ['::ffff:a9fe:a9fe', 'link-local'], ['::127.0.0.1', 'loopback'],
    ['64:ff9b::7f00:1', 'NAT64'], ['64:ff9b:1::1', 'local NAT64'], ['2002:7f00:1::', '6to4'], ['2001:0:4136:e378::1', 'Teredo'],
  ])('refuses %s as %s', (ip, label) => {
    expect(classifyNonPublicIp(ip)).toBe(label);
  });

  it.each(['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111', '172.32.0.1', '11.0.0.1', '::ffff:93.184.216.34'])('accepts public %s', (ip) => {
    expect(classifyNonPublicIp(ip)).toBeNull();
  });

  it.each([
    ['2130706433', '127.0.0.1'], ['0x7f000001', '127.0.0.1'], ['0x7f.1', '127.0.0.1'], ['0177.0.0.1', '127.0.0.1'], ['127.1', '127.0.0.1'],
    ['10.0x10.1', '10.16.0.1'], ['017700000001', '127.0.0.1'], ['1.2.3.4', '1.2.3.4'],
  ])('reads the IPv4 form %s as %s', (text, dotted) => {
    expect(parseIpv4Literal(text)).toBe(dotted);
    expect(classifyNonPublicIp(text)).toBe(classifyNonPublicIp(dotted));
  });

  it.each(['256.1.1.1', '1.2.3.4.5', 'example.com', '1..2', '09.1.1.1', '4294967296'])('does not take %s for an IPv4 address', (text) => {
    expect(parseIpv4Literal(text)).toBeNull();
  });

  it('canonicalises hosts as URLs and CONNECT lines write them', () => {
    expect(canonicalHost('[::1]')).toBe('::1');
    expect(canonicalHost('EXAMPLE.com.')).toBe('example.com');
    expect(canonicalHost('0x7F.0.0.1')).toBe('127.0.0.1');
  });

  it('refuses a name when any of its addresses is private, and connects to the first checked one', () => {
    expect(decideEgress({ host: 'evil.example', port: 443, addresses: ['93.184.216.34', '10.0.0.5'], rules: [] })).toEqual({ allow: false, reason: 'private address' });
    expect(decideEgress({ host: 'ok.example', port: 443, addresses: ['93.184.216.34', '93.184.216.35'], rules: [] })).toEqual({ allow: true, address: '93.184.216.34', via: 'public' });
    expect(decideEgress({ host: 'gone.example', port: 443, addresses: [], rules: [] })).toEqual({ allow: false, reason: 'host name does not resolve' });
    expect(decideEgress({ host: 'localhost', port: 80, addresses: ['93.184.216.34'], rules: [] })).toMatchObject({ allow: false });
  });

  it('scopes exceptions to the host and port they name', () => {
    const rules = parseAllowRules(['127.0.0.1:8090', 'searxng', '[::1]:9000', ' ', 'bad:port:x']);
    expect(rules).toEqual([
      { host: '127.0.0.1', port: 8090, isIp: true },
      { host: 'searxng', port: null, isIp: false },
      { host: '::1', port: 9000, isIp: true },
    ]);
    expect(decideEgress({ host: '127.0.0.1', port: 8090, addresses: ['127.0.0.1'], rules })).toMatchObject({ allow: true, via: 'allow-list' });
    expect(decideEgress({ host: '127.0.0.1', port: 8091, addresses: ['127.0.0.1'], rules })).toMatchObject({ allow: false });
    expect(decideEgress({ host: '127.0.0.2', port: 8090, addresses: ['127.0.0.2'], rules })).toMatchObject({ allow: false });
    expect(decideEgress({ host: 'searxng', port: 8080, addresses: ['172.18.0.4'], rules })).toMatchObject({ allow: true, address: '172.18.0.4' });
    expect(decideEgress({ host: 'not-searxng', port: 8080, addresses: ['172.18.0.4'], rules })).toMatchObject({ allow: false });
  });
});

describe('upstream proxies', () => {
  it('reads the proxy forms an operator writes and never shows their credentials', () => {
    expect(parseUpstream('direct')).toEqual({ kind: 'direct' });
    expect(parseUpstream('socks5://127.0.0.1:9050')).toEqual({ kind: 'socks5', host: '127.0.0.1', port: 9050 });
    expect(parseUpstream('socks5h://tor:9050')).toEqual({ kind: 'socks5', host: 'tor', port: 9050 });
    const http = parseUpstream('https://user:p%40ss@vpn.example:8443')!;
    expect(http).toEqual({ kind: 'http', host: 'vpn.example', port: 8443, tls: true, username: 'user', password: 'p@ss' });
    expect(describeUpstream(http)).toBe('https://vpn.example:8443');
    expect(parseUpstream('ftp://x')).toBeNull();
    expect(parseUpstream('not a url')).toBeNull();
  });

  it('asks a SOCKS5 proxy for the checked address, never a name', () => {
    expect([...socks5ConnectRequest('93.184.216.34', 443)]).toEqual([5, 1, 0, 1, 93, 184, 216, 34, 1, 187]);
    expect(socks5ConnectRequest('2606:4700::1111', 80).subarray(0, 4)).toEqual(Buffer.from([5, 1, 0, 4]));
    expect(ipv6Bytes('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 1, 2, 3, 4]);
    expect(() => socks5ConnectRequest('example.com', 80)).toThrow();
  });

  it('lists every bad proxy setting without echoing its value', () => {
    const result = parseEgressSettings({ EGRESS_PROXY: 'ftp://secret:pw@x', EGRESS_ENGINE_PROXIES: 'google=socks5://127.0.0.1:9050,broken' });
    expect('problems' in result && result.problems.map((p) => p.variable)).toEqual(['EGRESS_PROXY', 'EGRESS_ENGINE_PROXIES']);
    expect(JSON.stringify(result)).not.toContain('secret');
    const ok = parseEgressSettings({ EGRESS_PROXY: 'socks5://127.0.0.1:9050', EGRESS_ENGINE_PROXIES: 'searxng=direct' });
    expect('settings' in ok && ok.settings.upstreams.pages).toEqual({ kind: 'socks5', host: '127.0.0.1', port: 9050 });
    expect('settings' in ok && ok.settings.upstreams.engines.searxng).toEqual({ kind: 'direct' });
  });
});
