import { execFileSync } from 'node:child_process';

/** Resident memory of this process and every descendant (Chromium's processes included), in MiB. */
export function treeRssMiB(rootPid = process.pid): number {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number, number]);
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of rows) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const rss = new Map(rows.map(([pid, , kb]) => [pid, kb]));
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total / 1024;
}

export function startPeakSampler(intervalMs = 100) {
  let peak = treeRssMiB();
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssMiB());
  }, intervalMs);
  return { stop: () => (clearInterval(timer), peak) };
}
