import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EngineId, RawResponse } from '../../../src/providers/provider.types.ts';

// Reads the recorded result pages under test/fixtures/engines/<engine>/ (bodies + index.json).

const ROOT = fileURLToPath(new URL('../../fixtures/engines/', import.meta.url));

interface IndexEntry {
  name: string;
  file: string;
  status: number;
  finalUrl: string;
  headers: Record<string, string>;
  redirectChain?: string[];
}

export function recordedIndex(engine: EngineId): IndexEntry[] {
  return JSON.parse(readFileSync(`${ROOT}${engine}/index.json`, 'utf8')) as IndexEntry[];
}

export function recorded(engine: EngineId, name: string): RawResponse {
  const entry = recordedIndex(engine).find((e) => e.name === name);
  if (!entry) throw new Error(`no recorded page ${engine}/${name}`);
  const response: RawResponse = { status: entry.status, finalUrl: entry.finalUrl, headers: entry.headers, body: readFileSync(`${ROOT}${engine}/${entry.file}`, 'utf8') };
  if (entry.redirectChain) response.redirectChain = entry.redirectChain;
  return response;
}

export const GARBAGE_BODIES = [
  '',
  'not html at all \u0000\u0001 \ufffd',
  '<html><body><h1>Welcome to nginx!</h1></body></html>',
  '{"unexpected": "json"}',
  '<<<>>><div class="g"><a href=/x>',
];
