import { randomBytes } from 'node:crypto';
import { passwordProblem } from '../modules/accounts/accounts.models.ts';
import type { CliIo } from './cli.types.ts';

/** Reads the password from standard input (a pipe or a file), up to the first line break. */
async function readPassword(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += chunk.toString();
    if (text.includes('\n') || text.length > 4096) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/**
 * The new account's password: read from standard input with --password-stdin (never an argument, which
 * other users of the machine could read in the process list), otherwise generated, to be shown once.
 */
export async function newAccountPassword(io: CliIo, fromStdin: boolean): Promise<{ password: string; generated: string | null } | { problem: string }> {
  const stdin = (io as { stdin?: NodeJS.ReadableStream }).stdin ?? process.stdin;
  const generated = fromStdin ? null : randomBytes(18).toString('base64url');
  const password = generated ?? (await readPassword(stdin));
  const problem = passwordProblem(password);
  if (problem) return { problem: problem === 'too_short' ? 'The password needs at least 12 characters.' : 'The password is too long.' };
  return { password, generated };
}
