import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  findRdapBaseForDomain,
  findRdapBaseForIp,
  parseBootstrap,
  parseIpv6,
  parseRdapAbuse,
  vcardValues,
} from '../../../src/modules/takedowns/rdap.parser.ts';

const fixture = (name: string, base = 'http://127.0.0.1:9') =>
  JSON.parse(readFileSync(new URL(`../../fixtures/rdap/${name}`, import.meta.url), 'utf8').replaceAll('{{BASE}}', base)) as unknown;

describe('parseRdapAbuse', () => {
  it('finds the abuse contact nested under the network owner (ARIN style)', () => {
    expect(parseRdapAbuse(fixture('ip-network-nested-abuse.json'))).toEqual({
      abuseEmail: 'abuse@hosting.example',
      abusePhone: '+31 20 555 0100',
      orgName: 'Example Hosting B.V.',
      handle: 'NET-192-0-2-0-1',
      emailSource: 'abuse_role',
      relatedRdapUrls: [],
    });
  });

  it('finds a top-level abuse-c entity and lower-cases the address (RIPE style)', () => {
    const r = parseRdapAbuse(fixture('ip-network-ripe-style.json'));
    expect(r.abuseEmail).toBe('abuse@voorbeeld.example');
    expect(r.orgName).toBe('Voorbeeld Hosting');
  });

  it("reads the registrar's nested abuse entity of a domain", () => {
    const r = parseRdapAbuse(fixture('domain-registrar-abuse.json'));
    expect(r.registrar).toEqual({ name: 'Example Registrar, Inc.', ianaId: '9999', abuseEmail: 'abuse@registrar.example', abusePhone: '+1.5555551234' });
    expect(r.abuseEmail).toBe('abuse@registrar.example');
    expect(r.orgName).toBe('Example Registrar, Inc.');
  });

  it('returns the related registrar RDAP link of a thin registry answer', () => {
    const r = parseRdapAbuse(fixture('domain-thin.json', 'https://rdap.test'));
    expect(r.registrar?.abuseEmail).toBeUndefined();
    expect(r.relatedRdapUrls).toEqual(['https://rdap.test/rdap/registrar/domain/thin.example']);
  });

  it('strips mailto: and tel: prefixes', () => {
    const r = parseRdapAbuse(fixture('registrar-domain-thin.json'));
    expect(r.registrar?.abuseEmail).toBe('abuse@thin-registrar.example');
    expect(r.registrar?.abusePhone).toBe('+33.155555555');
  });

  it('falls back to a technical email, marked as weaker, when no entity has the abuse role', () => {
    const json = {
      objectClassName: 'ip network',
      entities: [{ roles: ['technical'], vcardArray: ['vcard', [['email', {}, 'text', 'noc@net.example']]] }],
    };
    expect(parseRdapAbuse(json)).toMatchObject({ abuseEmail: 'noc@net.example', emailSource: 'other_role' });
  });

  it('survives hostile shapes without throwing', () => {
    for (const bad of [null, 42, 'x', [], { entities: 'x' }, { entities: [null, 1, { roles: 'abuse', vcardArray: 'x' }] }, { entities: [{ roles: ['abuse'], vcardArray: ['vcard', 'x'] }] }]) {
      expect(parseRdapAbuse(bad).abuseEmail).toBeUndefined();
    }
  });

  it('stops descending into absurdly deep entity trees', () => {
    let node: Record<string, unknown> = { roles: ['abuse'], vcardArray: ['vcard', [['email', {}, 'text', 'deep@x.example']]] };
    for (let i = 0; i < 50; i++) node = { roles: ['registrant'], entities: [node] };
    expect(parseRdapAbuse({ entities: [node] }).abuseEmail).toBeUndefined();
  });

  it('reads structured vCard values', () => {
    expect(vcardValues({ vcardArray: ['vcard', [['fn', {}, 'text', ['', 'Org name']]]] }, 'fn')).toEqual(['Org name']);
  });
});

describe('IANA bootstrap', () => {
  const base = 'http://127.0.0.1:1234';
  const v4 = parseBootstrap(fixture('ipv4-bootstrap.json', base));
  const v6 = parseBootstrap(fixture('ipv6-bootstrap.json', base));
  const dns = parseBootstrap(fixture('dns-bootstrap.json', base));

  it('picks the longest matching IPv4 prefix', () => {
    expect(findRdapBaseForIp(v4, '192.0.2.10')).toBe(`${base}/rdap/rir/`);
    expect(findRdapBaseForIp(v4, '192.5.5.5')).toBe(`${base}/rdap/wrong-rir/`);
  });

  it('prefers the https server when a service lists several', () => {
    expect(findRdapBaseForIp(v4, '41.1.2.3')).toBe('https://rdap.afrinic.net/rdap/');
  });

  it('matches IPv6 prefixes and adds the missing trailing slash', () => {
    expect(findRdapBaseForIp(v6, '2001:db8::1')).toBe(`${base}/rdap/rir/`);
    expect(findRdapBaseForIp(v6, '2001:4200::1')).toBe('https://rdap.afrinic.net/rdap/');
    expect(findRdapBaseForIp(v6, '2a00::1')).toBeNull();
  });

  it('returns null for addresses nobody serves and for garbage', () => {
    expect(findRdapBaseForIp(v4, '10.0.0.1')).toBeNull();
    expect(findRdapBaseForIp(v4, '999.1.1.1')).toBeNull();
    expect(findRdapBaseForIp(v4, 'example.com')).toBeNull();
  });

  it('finds the registry of a TLD, longest suffix first', () => {
    expect(findRdapBaseForDomain(dns, 'site.example')).toBe(`${base}/rdap/registry/`);
    expect(findRdapBaseForDomain(dns, 'shop.co.example')).toBe(`${base}/rdap/second-level/`);
    expect(findRdapBaseForDomain(dns, 'SITE.COM.')).toBe('https://rdap.verisign.com/com/v1/');
    expect(findRdapBaseForDomain(dns, 'site.invalid')).toBeNull();
  });

  it('skips malformed services', () => {
    expect(parseBootstrap({ services: [[['a'], 'x'], 'y', [[1], ['ftp://x']], [['ok'], ['https://ok.example/']]] })).toEqual([{ entries: ['ok'], urls: ['https://ok.example/'] }]);
    expect(parseBootstrap('nope')).toEqual([]);
  });

  it('parses compressed and IPv4-mapped IPv6 addresses', () => {
    expect(parseIpv6('::1')).toBe(1n);
    expect(parseIpv6('::ffff:192.0.2.1')).toBe((0xffffn << 32n) | 0xc0000201n);
    expect(parseIpv6('1::2::3')).toBeNull();
    expect(parseIpv6('1:2:3:4:5:6:7:8:9')).toBeNull();
  });
});
