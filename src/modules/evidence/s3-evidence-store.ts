import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3StoreSettings } from '../../config/evidence.settings.ts';
import { createEvidenceStoreUnreachableError, createEvidenceWriteFailedError } from './evidence.errors.ts';
import type { EvidenceObjectStore, StoredObject } from './evidence-store.ts';
import { classifyS3Error } from './s3-errors.models.ts';

/**
 * Sealed evidence files in an S3-compatible bucket, one object per file under S3_PREFIX. A PUT makes an
 * object appear whole or not at all, so no temporary names are needed; the vault inserts a file's row only
 * after the PUT succeeded, as it does after the local rename.
 * The store is the operator's own service, like the SMTP server: it is reached directly, not through the
 * egress gateway that guards visits to attacker-chosen pages.
 */
export function createS3EvidenceStore(settings: S3StoreSettings, options: { timeoutMs?: number } = {}): EvidenceObjectStore & { close(): void } {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    // Self-hosted stores (MinIO, Garage, older releases) do not all speak the newer checksum headers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 2,
    requestHandler: { connectionTimeout: Math.min(timeoutMs, 5_000), requestTimeout: timeoutMs },
  });
  const location = `s3://${settings.bucket}/${settings.prefix}${settings.endpoint ? ` at ${new URL(settings.endpoint).host}` : ''}`;
  const keyOf = (relativePath: string) => `${settings.prefix}${relativePath}`;

  const fail = (error: unknown, writing: boolean): never => {
    const failure = classifyS3Error(error);
    if (failure.kind === 'unreachable') throw createEvidenceStoreUnreachableError(location, failure.reason, error);
    const reason = failure.kind === 'refused' ? `the store refused it: ${failure.reason}` : 'not found';
    if (writing) throw createEvidenceWriteFailedError(`${location}: ${reason}`, error);
    throw new Error(`${location}: ${reason}`, { cause: error });
  };

  return {
    kind: 's3',
    location,

    async read(relativePath) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: keyOf(relativePath) }));
        return Buffer.from(await answer.Body!.transformToByteArray());
      } catch (error) {
        if (classifyS3Error(error).kind === 'not_found') return null;
        return fail(error, false);
      }
    },

    async write(relativePath, sealed) {
      try {
        await client.send(new PutObjectCommand({ Bucket: settings.bucket, Key: keyOf(relativePath), Body: sealed, ContentType: 'application/octet-stream', ContentLength: sealed.length }));
      } catch (error) {
        fail(error, true);
      }
    },

    async remove(relativePath) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: keyOf(relativePath) }));
      } catch (error) {
        if (classifyS3Error(error).kind !== 'not_found') fail(error, false);
      }
    },

    async list() {
      const out: StoredObject[] = [];
      let token: string | undefined;
      do {
        let page;
        try {
          page = await client.send(new ListObjectsV2Command({ Bucket: settings.bucket, Prefix: settings.prefix, ContinuationToken: token }));
        } catch (error) {
          return fail(error, false);
        }
        for (const object of page.Contents ?? []) {
          const relativePath = object.Key!.slice(settings.prefix.length);
          if (!/^[0-9a-f]{2}\/[^/]+$/.test(relativePath)) continue;
          out.push({ name: relativePath.slice(3), relativePath, temporary: false, mtimeMs: object.LastModified?.getTime() ?? 0 });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return out.sort((a, b) => a.relativePath.localeCompare(b.relativePath));
    },

    close() {
      client.destroy();
    },
  };
}
