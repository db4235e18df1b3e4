import { describe, expect, it } from 'vitest';
import { parseTakedownsSettings, takedownsSettingDefinitions } from '../../../src/config/takedowns.settings.ts';

describe('takedown settings', () => {
  it('defaults to the IANA bootstrap, seven days for "without undue delay" and daily re-checks', () => {
    const parsed = parseTakedownsSettings({});
    expect('settings' in parsed && parsed.settings).toMatchObject({
      sender: { name: null, email: null, onBehalfOf: null, useLegalName: false },
      defaultResponseDays: 7,
      firstRecheckHours: 24,
      recheckIntervalHours: 24,
      reminderHours: 24,
      rdap: { ipv4Url: 'https://data.iana.org/rdap/ipv4.json', ipv6Url: 'https://data.iana.org/rdap/ipv6.json', dnsUrl: 'https://data.iana.org/rdap/dns.json' },
    });
  });

  it('uses one RDAP server for IPs and domains when both are set (tests, private mirrors)', () => {
    const parsed = parseTakedownsSettings({ RDAP_IP_URL: 'http://127.0.0.1:9/rdap', RDAP_DOMAIN_URL: 'http://127.0.0.1:9/rdap/' });
    expect('settings' in parsed && parsed.settings.rdap).toEqual({ ipBaseUrl: 'http://127.0.0.1:9/rdap/', domainBaseUrl: 'http://127.0.0.1:9/rdap/' });
  });

  it('takes the bootstrap files from another folder', () => {
    const parsed = parseTakedownsSettings({ RDAP_BOOTSTRAP_URL: 'http://127.0.0.1:9/bootstrap' });
    expect('settings' in parsed && parsed.settings.rdap).toEqual({ ipv4Url: 'http://127.0.0.1:9/bootstrap/ipv4.json', ipv6Url: 'http://127.0.0.1:9/bootstrap/ipv6.json', dnsUrl: 'http://127.0.0.1:9/bootstrap/dns.json' });
  });

  it('lists every problem at once without repeating the values', () => {
    const parsed = parseTakedownsSettings({ TAKEDOWN_SENDER_EMAIL: 'mc.dubois-at-example', TAKEDOWN_DEFAULT_RESPONSE_DAYS: '0', TAKEDOWN_USE_LEGAL_NAME: 'yes', RDAP_IP_URL: 'http://127.0.0.1:9/' });
    expect('problems' in parsed).toBe(true);
    const problems = 'problems' in parsed ? parsed.problems : [];
    expect(problems.map((p) => p.variable).sort()).toEqual(['RDAP_DOMAIN_URL', 'TAKEDOWN_DEFAULT_RESPONSE_DAYS', 'TAKEDOWN_SENDER_EMAIL', 'TAKEDOWN_USE_LEGAL_NAME']);
    expect(JSON.stringify(problems)).not.toContain('dubois');
  });

  it('reads the sender identity and the legal-name switch', () => {
    const parsed = parseTakedownsSettings({ TAKEDOWN_SENDER_NAME: 'Support Org', TAKEDOWN_SENDER_EMAIL: 'Help@Org.example', TAKEDOWN_ON_BEHALF_OF: 'Lola Velvet', TAKEDOWN_USE_LEGAL_NAME: 'TRUE' });
    expect('settings' in parsed && parsed.settings.sender).toEqual({ name: 'Support Org', email: 'help@org.example', onBehalfOf: 'Lola Velvet', useLegalName: true });
  });

  it('documents every setting', () => {
    for (const def of takedownsSettingDefinitions) expect(def.description.length, def.env).toBeGreaterThan(20);
  });
});
