import { describe, expect, it } from 'vitest';
import { parseEvidenceSettings } from '../../../src/config/evidence.settings.ts';
import { classifyS3Error } from '../../../src/modules/evidence/s3-errors.models.ts';

const s3 = { EVIDENCE_STORE: 's3', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_BUCKET: 'evidence', S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'very secret value' };

describe('the evidence store settings', () => {
  it('keeps evidence in the local folder unless EVIDENCE_STORE=s3', () => {
    const parsed = parseEvidenceSettings({});
    expect('settings' in parsed && parsed.settings.store).toEqual({ kind: 'local' });
  });

  it('reads a complete S3 configuration with path-style addressing and the evidence/ prefix by default', () => {
    const parsed = parseEvidenceSettings(s3);
    expect('settings' in parsed && parsed.settings.store).toEqual({ kind: 's3', endpoint: 'http://127.0.0.1:9000', bucket: 'evidence', region: 'us-east-1', prefix: 'evidence/', accessKeyId: 'id', secretAccessKey: 'very secret value', forcePathStyle: true });
  });

  it('lists every missing or bad S3 variable at once and never echoes the secret', () => {
    const parsed = parseEvidenceSettings({ EVIDENCE_STORE: 's3', S3_ENDPOINT: 'ftp://x', S3_BUCKET: 'No_Such', S3_PREFIX: '/abs', S3_SECRET_ACCESS_KEY: 'very secret value', S3_FORCE_PATH_STYLE: 'maybe' });
    expect('problems' in parsed && parsed.problems.map((p) => p.variable)).toEqual(['S3_ENDPOINT', 'S3_BUCKET', 'S3_PREFIX', 'S3_ACCESS_KEY_ID', 'S3_FORCE_PATH_STYLE']);
    expect(JSON.stringify(parsed)).not.toContain('very secret value');
    expect(parseEvidenceSettings({ EVIDENCE_STORE: 'ftp' })).toEqual({ problems: [{ variable: 'EVIDENCE_STORE', problem: 'got "ftp", expected local or s3' }] });
  });
});

describe('S3 failures', () => {
  it('tells a missing object from a store that does not answer and from one that refuses', () => {
    expect(classifyS3Error({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } })).toEqual({ kind: 'not_found' });
    expect(classifyS3Error(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', $metadata: {} }))).toEqual({ kind: 'unreachable', reason: 'ECONNREFUSED' });
    expect(classifyS3Error({ name: 'TimeoutError', $metadata: {} })).toMatchObject({ kind: 'unreachable' });
    expect(classifyS3Error({ name: 'InternalError', $metadata: { httpStatusCode: 503 } })).toEqual({ kind: 'unreachable', reason: 'HTTP 503 InternalError' });
    expect(classifyS3Error({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } })).toEqual({ kind: 'refused', reason: 'AccessDenied (HTTP 403)' });
    expect(classifyS3Error({ name: 'NoSuchBucket', $metadata: { httpStatusCode: 404 } })).toEqual({ kind: 'refused', reason: 'NoSuchBucket (HTTP 404)' });
  });
});
