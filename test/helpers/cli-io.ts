import { Writable } from 'node:stream';
import type { CliIo } from '../../src/cli/cli.types.ts';

/** Captures what a CLI command writes, for tests that run commands in-process. */
export function captureIo(env: Record<string, string>, cwd = process.cwd()): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) => new Writable({ write(chunk, _e, cb) { append(String(chunk)); cb(); } });
  return {
    stdout: sink((s) => (out += s)),
    stderr: sink((s) => (err += s)),
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ENGINE_MIN_INTERVAL_MS: '0', ...env },
    cwd,
    out: () => out,
    err: () => err,
  };
}
