import { readdirSync, readFileSync } from 'node:fs';

/** Where a descendant's CPU went, by the kind of Chromium process it is (from its command line). */
export type ProcessKind = 'browserProcess' | 'renderers' | 'gpu' | 'network' | 'other';
export const processKinds: readonly ProcessKind[] = ['browserProcess', 'renderers', 'gpu', 'network', 'other'];

export interface CpuUse {
  nodeCpuS: number;
  /** Every descendant together: Chromium's processes and the sandbox's wrapper. */
  browserCpuS: number;
  byKind: Record<ProcessKind, number>;
}

/**
 * The kind of one descendant. Chromium's own process has no `--type`; renderers are forked by the zygote,
 * and one that exits leaves its time in the zygote (its parent reaps it), so both count as renderers.
 */
export function processKind(commandLine: string): ProcessKind {
  const type = /--type=([a-z-]+)/.exec(commandLine)?.[1];
  if (type === undefined) return /chrom/i.test(commandLine.split('\0')[0] ?? '') ? 'browserProcess' : 'other';
  if (type === 'renderer' || type === 'zygote') return 'renderers';
  if (type === 'gpu-process') return 'gpu';
  if (type === 'utility' && commandLine.includes('network.mojom.NetworkService')) return 'network';
  return 'other';
}

/**
 * CPU seconds used so far by this process's descendants, per kind, read from /proc: each live process's own
 * time plus what its exited children left in it. One /proc walk; measuring costs nothing between the walks.
 */
function descendantsCpuSeconds(): Record<ProcessKind, number> {
  const tick = 100;
  const rows: { pid: number; ppid: number; ticks: number; kind: ProcessKind }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[1] is ppid; fields[11..14] are utime, stime, cutime, cstime.
      const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      rows.push({ pid: Number(name), ppid: Number(fields[1]), ticks, kind: processKind(readFileSync(`/proc/${name}/cmdline`, 'utf8')) });
    } catch {
      // The process exited while the list was read.
    }
  }
  const children = new Map<number, number[]>();
  for (const r of rows) children.set(r.ppid, [...(children.get(r.ppid) ?? []), r.pid]);
  const byPid = new Map(rows.map((r) => [r.pid, r]));
  const seconds = Object.fromEntries(processKinds.map((kind) => [kind, 0])) as Record<ProcessKind, number>;
  const stack = [...(children.get(process.pid) ?? [])];
  while (stack.length) {
    const row = byPid.get(stack.pop()!)!;
    seconds[row.kind] += row.ticks / tick;
    stack.push(...(children.get(row.pid) ?? []));
  }
  return seconds;
}

/** Node's and the browser's CPU seconds between `startCpuMeter()` and `stop()`; printed only, to show where the cores went. */
export function startCpuMeter(): { stop(): CpuUse } {
  const node = process.cpuUsage();
  const before = descendantsCpuSeconds();
  return {
    stop: () => {
      const used = process.cpuUsage(node);
      const after = descendantsCpuSeconds();
      const byKind = Object.fromEntries(processKinds.map((kind) => [kind, after[kind] - before[kind]])) as Record<ProcessKind, number>;
      return { nodeCpuS: (used.user + used.system) / 1e6, browserCpuS: processKinds.reduce((sum, kind) => sum + byKind[kind], 0), byKind };
    },
  };
}
