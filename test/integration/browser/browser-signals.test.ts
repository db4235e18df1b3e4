import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';

const script = path.resolve(import.meta.dirname, '../../helpers/browser-signal-process.ts');
const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Starts the process, sends SIGTERM once its page is open, and returns what it said and how it ended. */
async function afterSigterm(mode: 'owner' | 'playwright'): Promise<{ said: string; code: number | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  let said = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      said += d.toString();
      if (said.includes('ready')) resolve();
    });
    void exited.then(() => reject(new Error(`ended before its page was open: ${said}`)));
  });
  child.kill('SIGTERM');
  return { code: await exited, said };
}

describe('the browser on SIGTERM', () => {
  it('stays open for a process that shuts down itself, so running jobs can finish or be released first', async () => {
    const { said, code } = await afterSigterm('owner');
    expect(said).toContain('page alive');
    expect(code).toBe(0);
  }, 60_000);

  it("is closed at once by Playwright's own handler otherwise (why the service switches it off)", async () => {
    const { said } = await afterSigterm('playwright');
    expect(said).toContain('page closed');
  }, 60_000);
});
