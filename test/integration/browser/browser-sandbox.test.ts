import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { chromium } from 'playwright';
import { locateBrowser } from '../../../src/browser/browser-locator.ts';
import { createBrowserPool, type BrowserPool } from '../../../src/browser/browser-pool.ts';
import { createSandboxPlan } from '../../../src/browser/sandbox.ts';
import { createLogger } from '../../../src/shared/logger.ts';

const location = locateBrowser({ wsEndpoint: undefined, chromiumPath: process.env.CHROMIUM_PATH, playwrightExecutablePath: () => chromium.executablePath() });
const isRoot = process.getuid?.() === 0;

interface Proc {
  pid: number;
  args: string[];
  uid: number;
  seccomp: number;
  userNamespace: string;
}

const readProc = (pid: number): Proc | null => {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return {
      pid,
      // Chromium rewrites its process title (one string with spaces) in zygote-forked children.
      args: fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/).filter(Boolean),
      uid: Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]),
      seccomp: Number(/^Seccomp:\s+(\d+)/m.exec(status)?.[1] ?? 0),
      userNamespace: fs.readlinkSync(`/proc/${pid}/ns/user`),
    };
  } catch {
    return null; // gone meanwhile, or not ours to read
  }
};

/** Every process below this test's own: the browsers this test started, not other tests' Chromium. */
function descendantsOfThisProcess(): Proc[] {
  const parentOf = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited while listing
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = parentOf.get(pid), hops = 0; p !== undefined && hops < 64; p = parentOf.get(p), hops++) if (p === process.pid) return true;
    return false;
  };
  return [...parentOf.keys()].filter(mine).map(readProc).filter((p): p is Proc => p !== null);
}

const chromiumProcesses = (procs: Proc[]) => procs.filter((p) => /chrom/i.test(p.args[0] ?? ''));
const typeOf = (p: Proc) => p.args.find((a) => a.startsWith('--type='))?.slice('--type='.length) ?? 'browser';

describe.skipIf(location.kind === 'missing' && !process.env.CI)('Chromium started by the pool runs inside its sandbox', () => {
  let pool: BrowserPool | null = null;
  afterEach(async () => {
    await pool?.close();
    pool = null;
  });

  it('visits a page with no Chromium process given --no-sandbox, and renderers unprivileged, seccomp-filtered and in their own user namespace', async () => {
    pool = createBrowserPool({ location, logger: createLogger({ level: 'silent' }), options: { pagesPerBrowser: 5, navigationTimeoutMs: 10_000, sandbox: createSandboxPlan({ location }) } });
    const seen = await pool.withPage(async (page) => {
      await page.setContent('<html><body><p id="x"></p><script>document.getElementById("x").textContent = "rendered"</script></body></html>');
      expect(await page.textContent('#x')).toBe('rendered');
      return chromiumProcesses(descendantsOfThisProcess());
    });

    const renderers = seen.filter((p) => typeOf(p) === 'renderer');
    expect(seen.length).toBeGreaterThan(2);
    expect(renderers.length).toBeGreaterThan(0);
    expect(seen.filter((p) => p.args.includes('--no-sandbox')).map((p) => p.args.slice(0, 3).join(' '))).toEqual([]);
    const ownNamespace = fs.readlinkSync('/proc/self/ns/user');
    for (const renderer of renderers) {
      expect(renderer.uid, 'renderer uid').not.toBe(0);
      // 2 = SECCOMP_MODE_FILTER: Chromium's seccomp-bpf sandbox is applied to every renderer.
      expect(renderer.seccomp, 'renderer seccomp mode').toBe(2);
      expect(renderer.userNamespace, 'renderer user namespace').not.toBe(ownNamespace);
    }
    if (isRoot) {
      // As root the whole browser is handed to the unprivileged user, not only its renderers.
      expect(seen.filter((p) => p.uid === 0).map((p) => typeOf(p))).toEqual([]);
    }
  });

  it('really runs without the sandbox when it is switched off, so the check above can tell the difference', async () => {
    pool = createBrowserPool({ location, logger: createLogger({ level: 'silent' }), options: { pagesPerBrowser: 5, navigationTimeoutMs: 10_000, sandbox: { state: 'off' } } });
    const seen = await pool.withPage(async (page) => {
      await page.setContent('<p>x</p>');
      return chromiumProcesses(descendantsOfThisProcess());
    });
    const renderers = seen.filter((p) => typeOf(p) === 'renderer');
    expect(renderers.length).toBeGreaterThan(0);
    expect(seen.find((p) => typeOf(p) === 'browser')?.args).toContain('--no-sandbox');
    for (const renderer of renderers) expect(renderer.seccomp).not.toBe(2);
  });

  it.skipIf(!isRoot)('refuses to start Chromium as root when BROWSER_RUN_AS_USER is unknown, instead of dropping the sandbox', async () => {
    const plan = createSandboxPlan({ location, settings: { mode: 'on', runAsUser: 'no-such-user-here' } });
    expect(plan.state).toBe('unavailable');
    pool = createBrowserPool({ location, logger: createLogger({ level: 'silent' }), options: { pagesPerBrowser: 5, navigationTimeoutMs: 10_000, sandbox: plan } });
    await expect(pool.withPage(async () => 'visited')).rejects.toMatchObject({ code: 'browser.sandbox_unavailable', message: expect.stringMatching(/no-such-user-here/) });
  });
});
