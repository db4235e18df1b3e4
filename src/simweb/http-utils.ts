import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EngineReply } from './engines/templates/template.types.ts';

export const MAX_BODY_BYTES = 25 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLargeError('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export interface RequestFields {
  fields: Record<string, string>;
  files: Array<{ field: string; filename: string; mime: string; bytes: Buffer }>;
}

/** Query string, url-encoded form and multipart fields together, as engines accept both GET and POST. */
export async function readFields(req: IncomingMessage, url: URL): Promise<RequestFields> {
  const fields: Record<string, string> = Object.fromEntries(url.searchParams);
  const files: RequestFields['files'] = [];
  if (req.method !== 'POST') return { fields, files };
  const type = req.headers['content-type'] ?? '';
  const body = await readBody(req);
  if (type.startsWith('application/x-www-form-urlencoded')) {
    Object.assign(fields, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  } else if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(type);
    const marker = boundary ? boundary[1] ?? boundary[2] : undefined;
    if (marker) parseMultipart(body, marker.trim(), fields, files);
  }
  return { fields, files };
}

function parseMultipart(body: Buffer, boundary: string, fields: Record<string, string>, files: RequestFields['files']): void {
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const content = part.subarray(headerEnd + 4);
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      const mime = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream';
      if (name !== undefined) {
        if (filename !== undefined) files.push({ field: name, filename, mime, bytes: Buffer.from(content) });
        else fields[name] = content.toString('utf8');
      }
    }
    start = next;
  }
}

export function sendReply(res: ServerResponse, reply: EngineReply): void {
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) });
  res.end(body);
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  const body = Buffer.from(text, 'utf8');
  res.writeHead(status, { 'content-type': contentType, 'content-length': String(body.length) });
  res.end(body);
}
