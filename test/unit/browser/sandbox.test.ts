import { describe, expect, it } from 'vitest';
import { parseBrowserSandboxSettings } from '../../../src/config/browser-sandbox.settings.ts';
import { isSandboxLaunchFailure, parseNumericUser, parsePasswdEntry, planSandbox, sandboxLaunchFailure, sandboxLaunchOptions, sandboxWarning } from '../../../src/browser/sandbox.models.ts';
import type { BrowserLocation } from '../../../src/browser/browser-locator.ts';

const local: BrowserLocation = { kind: 'local', executablePath: '/usr/bin/chromium', source: 'system' };
const remote: BrowserLocation = { kind: 'remote', wsEndpoints: ['ws://127.0.0.1:9222/x'], source: 'BROWSER_WS_ENDPOINT' };
const on = { mode: 'on' as const, runAsUser: 'nobody' };
const nobody = { user: 'nobody', uid: 65534, gid: 65534 };
const launchArgs = { executablePath: '/usr/bin/chromium', launcher: '/app/src/browser/sandboxed-chromium.sh', env: { PATH: '/usr/bin' } };

describe('browser sandbox settings', () => {
  it('are on, as nobody, unless set otherwise', () => {
    expect(parseBrowserSandboxSettings({})).toEqual({ settings: { mode: 'on', runAsUser: 'nobody' } });
    expect(parseBrowserSandboxSettings({ BROWSER_SANDBOX: 'OFF', BROWSER_RUN_AS_USER: '1000:1000' })).toEqual({ settings: { mode: 'off', runAsUser: '1000:1000' } });
  });

  it('refuse anything but on/off, and user values that could be read as options', () => {
    const result = parseBrowserSandboxSettings({ BROWSER_SANDBOX: 'disabled', BROWSER_RUN_AS_USER: '--reuid=0' });
    expect(result).toEqual({ problems: [expect.objectContaining({ variable: 'BROWSER_SANDBOX' }), expect.objectContaining({ variable: 'BROWSER_RUN_AS_USER' })] });
  });
});

describe('the sandbox plan', () => {
  it('keeps the sandbox for an unprivileged service and starts Chromium directly', () => {
    const plan = planSandbox({ location: local, settings: on, uid: 1000, runAs: () => { throw new Error('not needed'); } });
    expect(plan).toEqual({ state: 'on', runAs: null });
    const options = sandboxLaunchOptions(plan, launchArgs);
    expect(options).toMatchObject({ chromiumSandbox: true, executablePath: '/usr/bin/chromium' });
    expect(options.args).not.toContain('--no-sandbox');
  });

  it('hands Chromium to the unprivileged user through the launcher when the service is root', () => {
    const plan = planSandbox({ location: local, settings: on, uid: 0, runAs: () => nobody });
    const options = sandboxLaunchOptions(plan, launchArgs);
    expect(options).toMatchObject({ chromiumSandbox: true, executablePath: launchArgs.launcher, env: { PATH: '/usr/bin', ES_CHROMIUM_EXECUTABLE: '/usr/bin/chromium', ES_CHROMIUM_UID: '65534', ES_CHROMIUM_GID: '65534' } });
    expect(options.args).not.toContain('--no-sandbox');
  });

  it('drops the sandbox only when switched off, and says so', () => {
    const plan = planSandbox({ location: local, settings: { ...on, mode: 'off' }, uid: 0, runAs: () => nobody });
    expect(plan).toEqual({ state: 'off' });
    expect(sandboxLaunchOptions(plan, launchArgs)).toMatchObject({ chromiumSandbox: false, executablePath: '/usr/bin/chromium', args: expect.arrayContaining(['--no-sandbox']) });
    expect(sandboxWarning(plan)).toMatch(/sandbox is off/);
  });

  it('refuses to start rather than fall back to no sandbox when the user is unknown or root', () => {
    const unknown = planSandbox({ location: local, settings: on, uid: 0, runAs: () => ({ problem: 'BROWSER_RUN_AS_USER names a user this machine does not know (ghost).' }) });
    expect(unknown.state).toBe('unavailable');
    expect(() => sandboxLaunchOptions(unknown, launchArgs)).toThrow(expect.objectContaining({ code: 'browser.sandbox_unavailable' }));
    expect(planSandbox({ location: local, settings: { ...on, runAsUser: '0' }, uid: 0, runAs: () => ({ user: '0', uid: 0, gid: 0 }) })).toMatchObject({ state: 'unavailable', problem: expect.stringMatching(/is root/) });
    expect(sandboxWarning(unknown)).toMatch(/ghost/);
  });

  it('does not claim to know the sandbox of a remote browser', () => {
    const plan = planSandbox({ location: remote, settings: { ...on, mode: 'off' }, uid: 0, runAs: () => nobody });
    expect(plan).toEqual({ state: 'remote (not known)' });
    expect(sandboxWarning(plan)).toMatch(/remote/);
    expect(sandboxWarning({ state: 'on', runAs: null })).toBeNull();
  });
});

describe('users and launch failures', () => {
  it('reads getent passwd lines and numeric uid[:gid]', () => {
    expect(parsePasswdEntry('nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n')).toEqual(nobody);
    expect(parsePasswdEntry('broken line')).toBeNull();
    expect(parseNumericUser('1000')).toEqual({ user: '1000', uid: 1000, gid: 1000 });
    expect(parseNumericUser('1000:100')).toEqual({ user: '1000:100', uid: 1000, gid: 100 });
    expect(parseNumericUser('nobody')).toBeNull();
  });

  it('turns Chromium\'s "No usable sandbox" into an instruction naming both fixes', () => {
    const message = 'browserType.launch: Target page, context or browser has been closed\n[pid=1][err] [1:1:FATAL:zygote_host_impl_linux.cc(128)] No usable sandbox! If you are running on Ubuntu 23.10+ ...';
    expect(isSandboxLaunchFailure(message)).toBe(true);
    expect(isSandboxLaunchFailure('net::ERR_CONNECTION_REFUSED')).toBe(false);
    const error = sandboxLaunchFailure(message);
    expect(error.code).toBe('browser.sandbox_unavailable');
    expect(error.message).toMatch(/user namespaces/);
    expect(error.message).toMatch(/BROWSER_SANDBOX=off/);
    expect(error.message).toMatch(/No usable sandbox/);
  });
});
