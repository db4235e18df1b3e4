/**
 * What reading a page costs in the browser: the extractor (src/browser/page-extract.ts) on the result pages
 * engines really served (test/fixtures/real-serp, ~100-1,300 elements each), each loaded once with its scripts
 * off (saved pages, read as they were served), then read `--rounds` times; the median of the rounds per page, as
 * timed inside the page. With `--compare REV` the extractor of that git revision is read the same way on the
 * same page, alternately, to give what a change added. The text it read is counted too, to show what more it reads.
 *   node --import tsx bench/page-extract.bench.ts [--rounds 7] [--compare 264c67b]
 */
import http from 'node:http';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright';
import { locateBrowser } from '../src/browser/browser-locator.ts';
import { startBrowser } from '../src/browser/browser-start.ts';
import { createSandboxPlan } from '../src/browser/sandbox.ts';
import { extractorExpression, type ExtractLimits } from '../src/browser/page-extract.ts';
import { realPages } from '../test/unit/providers/real-serp-pages.ts';

process.setSourceMapsEnabled(false);
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '7' }, compare: { type: 'string' } } });
const rounds = Math.max(1, Number(values.rounds));
const limits: ExtractLimits = { maxTextChars: 200_000, maxImages: 200, maxStyledElements: 3000, maxShadowRoots: 1000, maxAttributeChars: 20_000 };

/** The extractor expression of another revision, cut out of its source the way it is written there. */
function extractorAt(rev: string): string {
  const source = execFileSync('git', ['show', `${rev}:src/browser/page-extract.ts`], { encoding: 'utf8' });
  const body = /const extractorSource = String\.raw`([\s\S]*?)`;\n/.exec(source)?.[1];
  if (!body) throw new Error(`no extractor found in ${rev}`);
  return `(${body})(${JSON.stringify(limits)})`;
}

const expressions: [string, string][] = [['now', extractorExpression(limits)], ...(values.compare ? [[values.compare, extractorAt(values.compare)] as [string, string]] : [])];
const pages = realPages().filter((p) => p.expected.outcome === 'ok');
const bodies = new Map(pages.map((p) => [`/${p.folder}/${p.file}`, p.response().body]));
const server = http.createServer((req, res) => {
  const body = bodies.get((req.url ?? '').split('?')[0]!);
  res.statusCode = body === undefined ? 404 : 200;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(body ?? '');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

const location = locateBrowser({ wsEndpoint: undefined, chromiumPath: process.env.CHROMIUM_PATH, playwrightExecutablePath: () => chromium.executablePath() });
if (location.kind !== 'local') throw new Error(location.kind === 'missing' ? location.instruction : 'bench needs a local browser');
const browser = await startBrowser({ location, endpointIndex: 0, timeoutMs: 30_000, sandbox: createSandboxPlan({ location }) });

/** Milliseconds of one reading, timed inside the page, and how much text it gave. */
const readOnce = async (page: Page, expression: string) =>
  await page.evaluate(`(() => { const t0 = performance.now(); const r = ${expression}; return { ms: performance.now() - t0, chars: r.text.length }; })()`) as { ms: number; chars: number };
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const rows: Record<string, string | number>[] = [];
for (const p of pages) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(`${base}/${p.folder}/${p.file}`, { waitUntil: 'load', timeout: 15_000 });
    const elements = await page.evaluate('document.querySelectorAll("*").length') as number;
    const times = new Map(expressions.map(([name]) => [name, [] as number[]]));
    const chars = new Map<string, number>();
    // One untimed reading each first (compiling the expression), then the rounds, taking turns.
    for (const [, expression] of expressions) await readOnce(page, expression);
    for (let round = 0; round < rounds; round++) {
      for (const [name, expression] of expressions) {
        const read = await readOnce(page, expression);
        times.get(name)!.push(read.ms);
        chars.set(name, read.chars);
      }
    }
    const row: Record<string, string | number> = { page: `${p.folder}/${p.file}`, elements };
    for (const [name] of expressions) {
      row[`${name} ms`] = Number(median(times.get(name)!).toFixed(2));
      row[`${name} chars`] = chars.get(name)!;
    }
    rows.push(row);
  } catch (error) {
    // A saved page that navigates itself away (a meta refresh) cannot be read in place: left out, and said so.
    rows.push({ page: `${p.folder}/${p.file}`, elements: 0, note: `not read: ${(error as Error).message.split('\n')[0]}` });
  } finally {
    await context.close();
  }
}
await browser.close();
server.close();

const read = rows.filter((r) => r.elements);
const total = (key: string) => Number(read.reduce((sum, r) => sum + Number(r[key] ?? 0), 0).toFixed(1));
console.table(rows);
const totals = Object.fromEntries(expressions.flatMap(([name]) => [[`${name} ms (sum of medians)`, total(`${name} ms`)], [`${name} chars`, total(`${name} chars`)]]));
console.table([{ pages: read.length, elements: total('elements'), ...totals }]);
console.log(JSON.stringify({ bench: 'page-extract', node: process.version, cpus: os.cpus().length, rounds, compare: values.compare ?? null, pages: read.length, totals, rows }));
