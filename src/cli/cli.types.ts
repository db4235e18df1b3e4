import type { ParseArgsConfig } from 'node:util';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Resolves to the process exit code. */
  run(args: { positionals: string[]; values: Record<string, unknown> }, io: CliIo): Promise<number>;
}

/** Exit codes follow sysexits where one fits, so scripts can tell a usage error from a failed scan. */
export const exitCodes = { ok: 0, failure: 1, usage: 64, dataError: 65, unavailable: 69, config: 78 } as const;
