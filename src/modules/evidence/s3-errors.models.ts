/** How an S3 call failed, from the SDK's error: what the vault does next depends only on this. */
export type S3Failure = { kind: 'not_found' } | { kind: 'unreachable'; reason: string } | { kind: 'refused'; reason: string };

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED']);

export function classifyS3Error(error: unknown): S3Failure {
  const e = (error ?? {}) as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number }; cause?: { code?: string } };
  const status = e.$metadata?.httpStatusCode;
  if (e.name === 'NoSuchKey' || e.name === 'NotFound' || status === 404 && e.name !== 'NoSuchBucket') return { kind: 'not_found' };
  const code = e.code ?? e.cause?.code;
  if ((code && NETWORK_CODES.has(code)) || e.name === 'TimeoutError' || e.name === 'RequestTimeout' || (status === undefined && e.name !== 'NoSuchBucket')) {
    return { kind: 'unreachable', reason: code ?? e.name ?? 'no answer' };
  }
  // 5xx: the store is there but not working; to the vault that is the same as not reachable.
  if (status !== undefined && status >= 500) return { kind: 'unreachable', reason: `HTTP ${status}${e.name ? ` ${e.name}` : ''}` };
  return { kind: 'refused', reason: `${e.name ?? 'error'}${status ? ` (HTTP ${status})` : ''}` };
}
