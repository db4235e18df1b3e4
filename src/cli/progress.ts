import type { ScanRun } from '../modules/scans/scans.repository.ts';

/** One line describing a running scan; redrawn in place on a terminal, printed on change elsewhere. */
export function renderScanProgress(run: Pick<ScanRun, 'status' | 'queriesPlanned' | 'queriesDone' | 'candidatesFound' | 'pagesVisited' | 'pagesFailed' | 'pagesUnchecked' | 'hitsNew' | 'hitsSeen'>, width = 24): string {
  const pagesDone = run.pagesVisited + run.pagesFailed + run.pagesUnchecked;
  const total = run.queriesPlanned + run.candidatesFound;
  const done = run.queriesDone + pagesDone;
  const share = total === 0 ? 0 : Math.min(1, done / total);
  const filled = Math.round(share * width);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
  return `[${bar}] ${String(Math.round(share * 100)).padStart(3)}%  searches ${run.queriesDone}/${run.queriesPlanned}  pages ${pagesDone}/${run.candidatesFound}  new ${run.hitsNew}  seen ${run.hitsSeen}  ${run.status}`;
}
