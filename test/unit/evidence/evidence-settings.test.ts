import { describe, expect, it } from 'vitest';
import { evidenceSettingDefinitions, parseEvidenceSettings } from '../../../src/config/evidence.settings.ts';

describe('evidence settings', () => {
  it('default to the key file, no timestamp authority and a six-hourly re-check', () => {
    expect(parseEvidenceSettings({})).toEqual({ settings: { key: undefined, keyFile: undefined, tsaUrl: undefined, recheckSchedule: '0 */6 * * *', store: { kind: 'local' } } });
  });

  it('accept a base64 key of 32 bytes, a key file, a TSA URL and a schedule', () => {
    const key = Buffer.alloc(32, 7);
    const result = parseEvidenceSettings({ EVIDENCE_KEY: key.toString('base64'), EVIDENCE_KEY_FILE: '/keys/e.key', TSA_URL: 'http://tsa.example/tsr', RECHECK_SCHEDULE: '15 8 * * *' });
    expect(result).toEqual({ settings: { key, keyFile: '/keys/e.key', tsaUrl: 'http://tsa.example/tsr', recheckSchedule: '15 8 * * *', store: { kind: 'local' } } });
  });

  it('list every bad variable at once and never echo the key', () => {
    const result = parseEvidenceSettings({ EVIDENCE_KEY: 'c2hvcnQ=', TSA_URL: 'ftp://x', RECHECK_SCHEDULE: 'often' });
    expect('problems' in result && result.problems.map((p) => p.variable)).toEqual(['EVIDENCE_KEY', 'TSA_URL', 'RECHECK_SCHEDULE']);
    expect(JSON.stringify(result)).not.toContain('c2hvcnQ=');
  });

  it('document every setting and mark the key and the object store credentials as secret', () => {
    expect(evidenceSettingDefinitions.map((d) => d.env)).toEqual([
      'EVIDENCE_KEY', 'EVIDENCE_KEY_FILE', 'TSA_URL', 'RECHECK_SCHEDULE',
      'EVIDENCE_STORE', 'S3_ENDPOINT', 'S3_BUCKET', 'S3_REGION', 'S3_PREFIX', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE',
    ]);
    expect(evidenceSettingDefinitions.filter((d) => 'secret' in d && d.secret).map((d) => d.env)).toEqual(['EVIDENCE_KEY', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']);
  });
});
