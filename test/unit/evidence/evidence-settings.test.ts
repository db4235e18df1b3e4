import { describe, expect, it } from 'vitest';
import { evidenceSettingDefinitions, parseEvidenceSettings } from '../../../src/config/evidence.settings.ts';

describe('evidence settings', () => {
  it('default to the key file, no timestamp authority and a six-hourly re-check', () => {
    expect(parseEvidenceSettings({})).toEqual({ settings: { key: undefined, keyFile: undefined, tsaUrl: undefined, recheckSchedule: '0 */6 * * *' } });
  });

  it('accept a base64 key of 32 bytes, a key file, a TSA URL and a schedule', () => {
    const key = Buffer.alloc(32, 7);
    const result = parseEvidenceSettings({ EVIDENCE_KEY: key.toString('base64'), EVIDENCE_KEY_FILE: '/keys/e.key', TSA_URL: 'http://tsa.example/tsr', RECHECK_SCHEDULE: '15 8 * * *' });
    expect(result).toEqual({ settings: { key, keyFile: '/keys/e.key', tsaUrl: 'http://tsa.example/tsr', recheckSchedule: '15 8 * * *' } });
  });

  it('list every bad variable at once and never echo the key', () => {
    const result = parseEvidenceSettings({ EVIDENCE_KEY: 'c2hvcnQ=', TSA_URL: 'ftp://x', RECHECK_SCHEDULE: 'often' });
    expect('problems' in result && result.problems.map((p) => p.variable)).toEqual(['EVIDENCE_KEY', 'TSA_URL', 'RECHECK_SCHEDULE']);
    expect(JSON.stringify(result)).not.toContain('c2hvcnQ=');
  });

  it('document every setting and mark the key as secret', () => {
    expect(evidenceSettingDefinitions.map((d) => d.env)).toEqual(['EVIDENCE_KEY', 'EVIDENCE_KEY_FILE', 'TSA_URL', 'RECHECK_SCHEDULE']);
    expect(evidenceSettingDefinitions.find((d) => d.env === 'EVIDENCE_KEY')).toMatchObject({ secret: true });
  });
});
