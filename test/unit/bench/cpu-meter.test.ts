import { describe, expect, it } from 'vitest';
import { processKind, startCpuMeter } from '../../../bench/cpu-meter.ts';

// Command lines as Chromium 156 (Debian) wrote them under the service's launch, most flags left out.
const line = (...args: string[]) => args.join('\0') + '\0';
const chromium = '/usr/lib/chromium/chromium';

describe('the pipeline bench CPU meter', () => {
  it('tells Chromium processes apart by their command line', () => {
    expect(processKind(line(chromium, '--disable-gpu', '--remote-debugging-pipe', '--headless'))).toBe('browserProcess');
    expect(processKind(line(chromium, '--type=renderer', '--lang=en-US', '--renderer-client-id=6'))).toBe('renderers');
    // Renderers that exit are reaped by the zygote and leave their time in it.
    expect(processKind(line(chromium, '--type=zygote', '--no-zygote-sandbox', '--headless'))).toBe('renderers');
    expect(processKind(line(chromium, '--type=gpu-process', '--use-angle=swiftshader-webgl'))).toBe('gpu');
    expect(processKind(line(chromium, '--type=utility', '--utility-sub-type=network.mojom.NetworkService', '--service-sandbox-type=none'))).toBe('network');
    expect(processKind(line(chromium, '--type=utility', '--utility-sub-type=storage.mojom.StorageService'))).toBe('other');
    // Not Chromium: tsx's esbuild service, the sandbox's wrapper.
    expect(processKind(line('/work/main/node_modules/@esbuild/linux-x64/bin/esbuild', '--service=0.25.0', '--ping'))).toBe('other');
    expect(processKind(line('/bin/sh', '/work/main/src/browser/sandboxed-chromium.sh'))).toBe('other');
  });

  it('counts the CPU a child process burns, by kind', async () => {
    const { spawn } = await import('node:child_process');
    const meter = startCpuMeter();
    // A child that burns 200 ms of its own CPU (however busy the machine), says so, and stays alive: its time is read live.
    const child = spawn(process.execPath, ['-e', 'while (process.cpuUsage().user < 200_000); console.log("spent"); setTimeout(() => {}, 30_000)']);
    try {
      await new Promise((resolve) => child.stdout.once('data', resolve));
      const used = meter.stop();
      expect(used.byKind.other).toBeGreaterThan(0.1);
      expect(used.browserCpuS).toBeCloseTo(Object.values(used.byKind).reduce((a, b) => a + b, 0), 6);
      expect(used.byKind.browserProcess + used.byKind.renderers + used.byKind.gpu + used.byKind.network).toBe(0);
    } finally {
      child.kill();
    }
  });
});
