/**
 * Candidate pages processed per minute by the scan pipeline (visit in Chromium through the egress gateway,
 * extract, match, classify, store the hit, settle the job) at concurrency 1, 2 and 4, against a bare
 * Playwright loop that only loads the same pages in fresh contexts (the limit), run once direct and once
 * through the egress gateway to give the gateway's own overhead side by side. Peak memory is the
 * resident size of the whole process tree, Chromium included. Both loops start Chromium the same way the
 * service does (`startBrowser` with the service's sandbox plan: sandboxed, as an unprivileged user when run
 * as root), so the ratio measures the pipeline, not launch flags. Each pipeline page's phases (context,
 * navigation, settle, extraction, photos, matching, evidence, close, commit, after) are collected through
 * the app's `visitTiming` sink and printed per concurrency. A second pipeline round looks for someone no page
 * names (no evidence anywhere): `noMatchRatio` is the pipeline's own cost against the bare loop; and a third bare
 * loop waits for the pipeline's settle after `load` (`settledBareRatio`: the wait alone, without any work).
 * Both loops run once untimed on 8 other pages first, so that every timed loop runs on warm code.
 * Each concurrency runs all loops in turn for `--rounds` rounds (3 by default) and reports each loop's median:
 * on this virtual machine one loop's figure moves by 10-20 % between two runs a minute apart.
 * `--matching K` makes K of the pages ones that expose the demo person (the planted pages with a hit) and the
 * rest ones that do not (the planted pages without), spread evenly: the figure at a chosen share of matching
 * pages instead of the planted pages' own (14 of every 24 store a hit, the most evidence any run pays for).
 *   node --import tsx bench/scan-pipeline.bench.ts [--pages 48] [--concurrency 1,2,4] [--rounds 3] [--matching K]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { chromium, type CDPSession } from 'playwright';
import { createSimulatedWeb } from '../src/simweb/server.ts';
import { PLANTED_PAGES } from '../src/simweb/planted.ts';
import { loadConfig } from '../src/config/config.ts';
import { createApp } from '../src/app.ts';
import { openDatabase } from '../src/db/client.ts';
import { createLogger } from '../src/shared/logger.ts';
import { locateBrowser } from '../src/browser/browser-locator.ts';
import { startBrowser } from '../src/browser/browser-start.ts';
import { createSandboxPlan } from '../src/browser/sandbox.ts';
import type { VisitPhase } from '../src/browser/visit-timing.ts';
import { jobKinds } from '../src/modules/jobs/job-kinds.ts';
import { parseProfile } from '../src/modules/profiles/profile-file.models.ts';
import { demoProfile } from '../src/demo/demo-person.ts';
import { normalizeUrl } from '../src/shared/url.models.ts';
import { createWorker } from '../workers/worker.ts';
import { createJobHandlers } from '../workers/handlers.ts';
import { startPeakSampler } from './memory-sampler.ts';
import { processKinds, startCpuMeter, type CpuUse } from './cpu-meter.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { createEgressGateway } from '../src/egress/egress-gateway.ts';
import { direct } from '../src/egress/upstream.models.ts';
import { watchPageSettle } from '../src/browser/page-settle.ts';

// The service runs compiled JavaScript without source maps (`npm start`); tsx turns them on, and Playwright
// takes a stack trace at every call it makes, so each of those would map this process's frames through them.
process.setSourceMapsEnabled(false);

const { values } = parseArgs({ options: { pages: { type: 'string', default: '48' }, concurrency: { type: 'string', default: '1,2,4' }, rounds: { type: 'string', default: '3' }, matching: { type: 'string' } } });
const rounds = Math.max(1, Number(values.rounds));
const pageCount = Number(values.pages);
const concurrencies = values.concurrency.split(',').map(Number);
const location = locateBrowser({ wsEndpoint: undefined, chromiumPath: process.env.CHROMIUM_PATH, playwrightExecutablePath: () => chromium.executablePath() });
if (location.kind !== 'local') throw new Error(location.kind === 'missing' ? location.instruction : 'bench needs a local browser');

const web = await createSimulatedWeb({ port: 0, indexHostile: false });
const paths = PLANTED_PAGES.filter((p) => p.expect !== 'hostile').map((p) => p.path);
const matching = values.matching === undefined ? null : Math.min(pageCount, Math.max(0, Number(values.matching)));
const urls = matching === null ? Array.from({ length: pageCount }, (_, i) => `${web.url}${paths[i % paths.length]}?copy=${i}`) : mixedPages(matching);

/** `count` pages that expose the demo person among `pageCount`, spread evenly (page i matches when the running share says so). */
function mixedPages(count: number): string[] {
  const exposing = PLANTED_PAGES.filter((p) => p.expect === 'hit').map((p) => p.path);
  const clean = PLANTED_PAGES.filter((p) => p.expect === 'none').map((p) => p.path);
  let used = 0;
  return Array.from({ length: pageCount }, (_, i) => {
    const matches = Math.floor(((i + 1) * count) / pageCount) > used;
    const path = matches ? exposing[used++ % exposing.length]! : clean[(i - used) % clean.length]!;
    return `${web.url}${path}?copy=${i}`;
  });
}

/**
 * `settled`: the loop also waits for the pipeline's settle after `load` (page-settle.ts: nothing in flight or
 * pending, network and DOM still for its quiet window, at most 2 s) and reads nothing: the limit of any pipeline
 * that reads script-built content at this concurrency.
 *
 * The same loop with and without the egress gateway: `viaGateway` gives each context its own gateway scope
 * as its proxy, exactly as a page visit does, so the difference is the gateway's cost alone.
 */
async function bareLoop(concurrency: number, viaGateway: boolean, settled = false, pages: readonly string[] = urls): Promise<{ seconds: number; peakMiB: number } & CpuUse> {
  const gateway = createEgressGateway({ upstreams: { default: direct, pages: direct, engines: {} }, logger: createLogger({ level: 'silent' }) });
  // The service's own launch: the same flags and the same sandbox (as an unprivileged user when run as root).
  const browser = await startBrowser({ location, endpointIndex: 0, timeoutMs: 30_000, sandbox: createSandboxPlan({ location }) });
  const sampler = startPeakSampler();
  const cpu = startCpuMeter();
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < pages.length) {
      const url = pages[next++]!;
      const scope = viaGateway ? gateway.openScope({ allowHosts: [new URL(web.url).host], route: { kind: 'pages' }, label: 'bench' }) : null;
      const context = await browser.newContext(scope ? { proxy: { server: await scope.proxyServer() } } : {});
      const page = await context.newPage();
      // The pipeline's settle reads its report through the page's DevTools session, opened once per page.
      let session: Promise<CDPSession> | null = null;
      const watch = settled ? await watchPageSettle(page, 2000, () => (session ??= context.newCDPSession(page))) : null;
      await page.goto(url, { waitUntil: 'load' });
      await watch?.settle({ maxMs: 2000 });
      await context.close();
      await scope?.close();
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const peakMiB = sampler.stop();
  const used = cpu.stop();
  await browser.close();
  await gateway.close();
  return { seconds, peakMiB, ...used };
}

type Phases = Map<VisitPhase, number[]>;

/**
 * The person the pipeline looks for: the demo person, whom 14 of every 24 pages expose (so those pages get
 * evidence: MHTML, stamped full-page screenshot, sealed files), or someone no page names, so that every page
 * goes through the same visit, settle, extraction, matching and commit and none through the evidence. The
 * second tells the pipeline's own cost from the evidence's; the first is the figure.
 */
type Looking = 'demo person' | 'nobody on the pages';

async function pipeline(concurrency: number, looking: Looking = 'demo person', pages: readonly string[] = urls): Promise<{ seconds: number; peakMiB: number; hits: number; phases: Phases } & CpuUse> {
  const phases: Phases = new Map();
  let recording = false;
  const visitTiming = (phase: VisitPhase, ms: number) => {
    if (recording) phases.set(phase, [...(phases.get(phase) ?? []), ms]);
  };
  const dataDir = mkdtempSync(`${os.tmpdir()}/es-bench-`);
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', WORKER_CONCURRENCY: String(concurrency), BROWSER_PAGES_PER_BROWSER: '1000' });
  const kinds = { ...jobKinds, 'page.visit': { ...jobKinds['page.visit'], concurrency } };
  // The run's end is announced by the pipeline itself (the hook the scan job's callers use), so the wait for
  // it costs nothing: polling the database every 20 ms cost this process ~5-7 ms of CPU a page, charged to the
  // pipeline, and nothing of it is the pipeline's.
  let announceFinished = () => {};
  const finished = new Promise<void>((resolve) => (announceFinished = resolve));
  const app = await createApp(config, { db: openDatabase(`${dataDir}/bench.sqlite`), logger: createLogger({ level: 'silent' }), browserLocation: location, jobKinds: kinds, visitTiming, scanHooks: { onScanFinished: () => announceFinished() } });
  const parsed = parseProfile(looking === 'demo person' ? demoProfile(web.url) : { names: ['Quirina Vandermeulen-Oyelaran'], aliases: [], phones: [], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] }, { defaultCountry: 'BE' });
  if (!parsed.ok) throw new Error('profile');
  const organisationId = await app.profiles.ensureDefaultOrganisation();
  const personId = await app.profiles.createPerson({ organisationId, label: 'bench', language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null, profile: parsed.profile });
  const { run } = await app.scans.createRun({ personId, trigger: 'manual', engines: [], allowHosts: [new URL(web.url).host], rotationCursor: 0 });
  const ids = await app.scans.recordSearch({
    runId: run.id, personId, engine: 'bench', query: 'bench', queryKind: 'name', outcome: 'ok', signal: null, durationMs: 0,
    results: pages.map((url) => ({ url, title: '', snippet: '', normalizedUrl: normalizeUrl(url) })),
  });
  // Its one search is done: the run ends with its last page, as a real run's does once its searches are over.
  await app.scans.markSearchesFinished(run.id);
  // Warm the browser so both measurements exclude Chromium's start.
  const warmScope = app.egress.openScope({ allowHosts: [new URL(web.url).host], route: { kind: 'pages' }, label: 'warm-up' });
  await app.browserPool.withPage(async (page) => void (await page.goto(`${web.url}/`)), { egress: warmScope });
  await warmScope.close();
  const worker = createWorker({ deps: app, handlers: createJobHandlers(app), schedulerTasks: [], runScheduler: false });
  const sampler = startPeakSampler();
  const cpu = startCpuMeter();
  recording = true;
  const started = performance.now();
  for (const candidateId of ids) await app.jobs.enqueue({ kind: 'page.visit', payload: { scanRunId: run.id, candidateId } });
  await worker.start();
  await finished;
  const seconds = (performance.now() - started) / 1000;
  const peakMiB = sampler.stop();
  const used = cpu.stop();
  const hits = (await app.hits.listForPerson(personId)).length;
  await worker.stop();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { seconds, peakMiB, hits, phases, ...used };
}

const phaseOrder: VisitPhase[] = ['context', 'navigation', 'settle', 'extraction', 'photos', 'matching', 'evidence', 'close', 'commit', 'after'];

/** Per phase: pages that went through it, mean and p95 ms, and its ms per page over all pages (its share of a page). */
function phaseTable(phases: Phases, pages: number) {
  const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const rows = phaseOrder.filter((p) => phases.has(p)).map((phase) => {
    const values = [...phases.get(phase)!].sort((a, b) => a - b);
    const sum = values.reduce((a, b) => a + b, 0);
    return { phase, pages: values.length, meanMs: Math.round(sum / values.length), p95Ms: Math.round(quantile(values, 0.95)), msPerPage: Math.round(sum / pages) };
  });
  const total = rows.reduce((a, r) => a + r.msPerPage, 0);
  return [...rows, { phase: 'sum of phases', pages, meanMs: total, p95Ms: NaN, msPerPage: total }];
}

// Both loops once on a few other pages first, untimed: what is measured is a process that has compiled its
// code and loaded its modules, as a service that has been running for a while has (the first of the timed
// loops would otherwise pay the start-up of Playwright's client and of the pipeline's own code).
const warmUpPages = Array.from({ length: 8 }, (_, i) => `${web.url}${paths[i % paths.length]}?warm-up=${i}`);
await bareLoop(2, true, true, warmUpPages);
await pipeline(2, 'demo person', warmUpPages);

const rows: Record<string, unknown>[] = [];
const profiles: Record<string, unknown> = {};
const cpuUse: Record<string, unknown> = {};
type LoopRun = { seconds: number; peakMiB: number } & CpuUse;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
/** Per loop, the median of its rounds (seconds and CPU), and the largest peak: one slow round moves nothing. */
const typical = (runs: LoopRun[]): LoopRun => ({
  seconds: median(runs.map((r) => r.seconds)), peakMiB: Math.max(...runs.map((r) => r.peakMiB)), nodeCpuS: median(runs.map((r) => r.nodeCpuS)), browserCpuS: median(runs.map((r) => r.browserCpuS)),
  byKind: Object.fromEntries(processKinds.map((kind) => [kind, median(runs.map((r) => r.byKind[kind]))])) as LoopRun['byKind'],
});
for (const concurrency of concurrencies) {
  // The loops take turns, round after round, so that a busy moment of the machine falls on all of them.
  const runs = { bare: [] as LoopRun[], gated: [] as LoopRun[], settledBare: [] as LoopRun[], full: [] as Awaited<ReturnType<typeof pipeline>>[], noMatch: [] as Awaited<ReturnType<typeof pipeline>>[] };
  for (let round = 0; round < rounds; round++) {
    runs.bare.push(await bareLoop(concurrency, false));
    runs.gated.push(await bareLoop(concurrency, true));
    runs.settledBare.push(await bareLoop(concurrency, true, true));
    runs.full.push(await pipeline(concurrency));
    runs.noMatch.push(await pipeline(concurrency, 'nobody on the pages'));
  }
  const [bare, gated, settledBare, full, noMatch] = [runs.bare, runs.gated, runs.settledBare, runs.full, runs.noMatch].map(typical) as [LoopRun, LoopRun, LoopRun, LoopRun, LoopRun];
  const perMin = (run: { seconds: number }) => (urls.length / run.seconds) * 60;
  const rounded = (values: number[]) => values.map((v) => Math.round(v));
  rows.push({
    concurrency, pages: urls.length, rounds, matchingPagesAsked: matching ?? 'planted',
    pipelinePagesPerMin: Math.round(perMin(full)), barePlaywrightPagesPerMin: Math.round(perMin(bare)), ratio: Number((perMin(full) / perMin(bare)).toFixed(2)),
    bareViaGatewayPagesPerMin: Math.round(perMin(gated)), gatewayRatio: Number((perMin(gated) / perMin(bare)).toFixed(2)),
    pipelinePeakMiB: Math.round(full.peakMiB), barePeakMiB: Math.round(bare.peakMiB), hitsStored: runs.full[0]!.hits,
    noMatchPipelinePagesPerMin: Math.round(perMin(noMatch)), noMatchRatio: Number((perMin(noMatch) / perMin(bare)).toFixed(2)), noMatchHitsStored: runs.noMatch[0]!.hits,
    settledBarePagesPerMin: Math.round(perMin(settledBare)), settledBareRatio: Number((perMin(settledBare) / perMin(bare)).toFixed(2)),
    // Every round, to show the spread behind the medians.
    pipelinePagesPerMinByRound: rounded(runs.full.map(perMin)), barePagesPerMinByRound: rounded(runs.bare.map(perMin)),
  });
  const allPhases: Phases = new Map();
  for (const run of runs.full) for (const [phase, values] of run.phases) allPhases.set(phase, [...(allPhases.get(phase) ?? []), ...values]);
  const table = phaseTable(allPhases, urls.length * rounds);
  profiles[String(concurrency)] = table;
  console.log(`pipeline phases at concurrency ${concurrency} over ${rounds} round(s) (wall ms per page x concurrency = ${Math.round((full.seconds * 1000 * concurrency) / urls.length)})`);
  console.table(table);
  // CPU per page, to tell work that takes the cores from waiting that only takes time.
  const perPage = (s: number) => Math.round((s * 1000) / urls.length);
  const cpu = Object.fromEntries(([['bare', bare], ['bareViaGateway', gated], ['bareSettled', settledBare], ['pipeline', full], ['pipelineNoMatch', noMatch]] as const).map(([name, r]) => [name, {
    nodeCpuMsPerPage: perPage(r.nodeCpuS), browserCpuMsPerPage: perPage(r.browserCpuS),
    // The browser's share by process: its own (DevTools, navigation, contexts), renderers, GPU (compositing, screenshots), network.
    ...Object.fromEntries(processKinds.map((kind) => [`${kind}Ms`, perPage(r.byKind[kind])])),
  }]));
  cpuUse[String(concurrency)] = cpu;
  console.log(`CPU ms per page at concurrency ${concurrency} (Node process, browser processes and the browser's by process; medians of the rounds)`);
  console.table(cpu);
}
await web.close();
console.table(rows);
console.log(JSON.stringify({ bench: 'scan-pipeline', node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, loadavg: os.loadavg(), rows, profiles, cpuMsPerPage: cpuUse }));
