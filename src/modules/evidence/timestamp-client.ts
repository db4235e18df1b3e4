import { createHash, randomBytes } from 'node:crypto';
import { isAppError } from '../../shared/errors.ts';
import { buildTimeStampRequest, parseTimeStampReply, tokenProblems, type TstInfo } from './timestamp.models.ts';
import { createTimestampFailedError } from './evidence.errors.ts';

export interface TimestampResult {
  /** The whole TimeStampResp as received (an `.tsr` file: `openssl ts -reply -in x.tsr -text` reads it). */
  reply: Buffer;
  info: TstInfo;
}

export interface TimestampClient {
  url: string;
  stamp(data: Buffer, signal?: AbortSignal): Promise<TimestampResult>;
}

/**
 * Asks an RFC 3161 time-stamp authority to stamp the SHA-256 of `data`. The TSA is an address the operator
 * configured (not page content), so plain fetch is used; the answer is still bounded in time and size and
 * checked: it must be granted, stamp our hash and echo our nonce.
 */
export function createTimestampClient(options: { url: string; timeoutMs?: number; maxBytes?: number }): TimestampClient {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxBytes = options.maxBytes ?? 256 * 1024;
  return {
    url: options.url,
    async stamp(data, signal) {
      const digest = createHash('sha256').update(data).digest();
      const nonce = randomBytes(8);
      const deadline = AbortSignal.timeout(timeoutMs);
      let body: Buffer;
      try {
        const response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
          body: new Uint8Array(buildTimeStampRequest(digest, nonce)),
          signal: signal ? AbortSignal.any([deadline, signal]) : deadline,
          redirect: 'error',
        });
        if (response.status !== 200) throw createTimestampFailedError({ message: `The time-stamp authority answered HTTP ${response.status}.` });
        body = Buffer.from(await response.arrayBuffer());
      } catch (error) {
        if (isAppError(error)) throw error;
        throw createTimestampFailedError({ message: `The time-stamp authority could not be reached (${(error as Error).name}).`, cause: error });
      }
      if (body.length > maxBytes) throw createTimestampFailedError({ message: 'The time-stamp reply is too large.' });
      let reply;
      try {
        reply = parseTimeStampReply(body);
      } catch (error) {
        throw createTimestampFailedError({ message: `The time-stamp reply is malformed (${(error as Error).message}).` });
      }
      if (!reply.granted) throw createTimestampFailedError({ message: `The time-stamp authority refused (status ${reply.status}).` });
      const problems = tokenProblems(reply.tstInfo, digest, nonce);
      if (problems.length > 0) throw createTimestampFailedError({ message: `The time-stamp reply is not for this request: ${problems.join('; ')}.` });
      return { reply: body, info: reply.tstInfo };
    },
  };
}
