import fs from 'node:fs';

/**
 * Resident memory of this process and every descendant (Chromium's processes included), in MiB, read from
 * /proc. It used to run `ps` every 100 ms from the measured process, which blocked that process's event loop
 * for ~15 % of the run (a profile of the scan-pipeline bench: 5.1 s of 33 s in spawnSync) and took CPU from
 * the work being measured; reading /proc costs a fraction of a millisecond per sample.
 */
export function treeRssMiB(rootPid = process.pid): number {
  const children = new Map<number, number[]>();
  const rssKb = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // the process ended between the listing and the read
    }
    // Fields after the command (which may hold spaces and parentheses): state, ppid, ... rss (in pages) is the 24th field.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(entry);
    const ppid = Number(fields[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    rssKb.set(pid, Number(fields[21]) * PAGE_KB);
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rssKb.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total / 1024;
}

const PAGE_KB = 4;

export function startPeakSampler(intervalMs = 100) {
  let peak = treeRssMiB();
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssMiB());
  }, intervalMs);
  return { stop: () => (clearInterval(timer), peak) };
}
