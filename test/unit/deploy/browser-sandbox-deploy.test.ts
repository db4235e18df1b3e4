import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../../src/config/config.ts';
import { planSandbox } from '../../../src/browser/sandbox.models.ts';
import { sandboxLauncherPath } from '../../../src/browser/sandbox.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');

interface Service {
  environment?: Record<string, string>;
  security_opt?: string[];
}
const compose = parseYaml(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const dockerfile = read('Dockerfile').replace(/\\\n/g, ' ');
const dockerEnv = Object.fromEntries([...dockerfile.matchAll(/^ENV (.*)$/gm)].flatMap((m) => [...m[1]!.matchAll(/([A-Z_]+)=(\S+)/g)].map((e) => [e[1]!, e[2]!])));
const dockerUser = [...dockerfile.matchAll(/^USER (\S+)/gm)].at(-1)?.[1];

describe('the deployment keeps Chromium\'s sandbox', () => {
  it('never switches the sandbox off in the image, the compose file or the example settings', () => {
    const worker = compose.services.worker!;
    const config = loadConfig({ ...dockerEnv, ...worker.environment });
    expect(config.browserSandbox.mode).toBe('on');
    expect(read('.env.example')).toMatch(/^BROWSER_SANDBOX=on$/m);
    for (const service of Object.values(compose.services)) expect(service.environment?.BROWSER_SANDBOX ?? 'on').toBe('on');
  });

  it('runs the image as an unprivileged user, so Chromium starts directly with its sandbox', () => {
    expect(dockerUser).toBeDefined();
    expect(['root', '0']).not.toContain(dockerUser);
    const config = loadConfig({ ...dockerEnv, ...compose.services.worker!.environment });
    const plan = planSandbox({ location: { kind: 'local', executablePath: config.browser.chromiumPath!, source: 'CHROMIUM_PATH' }, settings: config.browserSandbox, uid: 1000, runAs: () => ({ problem: 'not needed as node' }) });
    expect(plan).toEqual({ state: 'on', runAs: null });
  });

  it('lets the worker container create the user namespaces the sandbox needs', () => {
    const options = compose.services.worker!.security_opt ?? [];
    const seccomp = options.find((o) => /^seccomp[=:]/.test(o))?.slice('seccomp='.length);
    expect(seccomp, 'worker security_opt seccomp=').toBeDefined();
    // Either no container filter (Chromium filters its renderers itself) or a profile shipped in the repository.
    if (seccomp !== 'unconfined') expect(fs.existsSync(path.join(root, seccomp!))).toBe(true);
    // Nothing that would hand the container more power than the namespaces.
    expect(JSON.stringify(compose.services.worker)).not.toMatch(/SYS_ADMIN|privileged/);
  });

  it('ships the root launcher as an executable shell script that parses', () => {
    expect(path.relative(root, sandboxLauncherPath)).toBe('src/browser/sandboxed-chromium.sh');
    const mode = execFileSync('git', ['ls-files', '-s', 'src/browser/sandboxed-chromium.sh'], { cwd: root, encoding: 'utf8' }).split(' ')[0];
    expect(mode).toBe('100755');
    expect(() => execFileSync('sh', ['-n', sandboxLauncherPath])).not.toThrow();
  });
});
