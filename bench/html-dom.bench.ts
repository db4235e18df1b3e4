/**
 * The one HTML parser (src/shared/html-dom.ts) on the real result pages of the corpus and on hostile input:
 * parse alone, and parse plus the engine's whole result reading. Median of the rounds, with min and max.
 * Run: node --import tsx bench/html-dom.bench.ts [--rounds 5]
 */
import { ENGINES } from '../src/providers/engine-registry.ts';
import { parseHtml, selectAll, textOf } from '../src/shared/html-dom.ts';
import { realPages } from '../test/unit/providers/real-serp-pages.ts';

const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 5;

function measure(run: () => unknown): { median: number; min: number; max: number } {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] as number, min: times[0] as number, max: times[times.length - 1] as number };
}

const rows: Array<{ what: string; chars: number; median: number; min: number; max: number }> = [];
const add = (what: string, chars: number, run: () => unknown) => rows.push({ what, chars, ...measure(run) });

const pages = realPages().filter((p) => p.expected.outcome === 'ok');
const largest = [...pages].sort((a, b) => b.response().body.length - a.response().body.length)[0];
const corpusChars = pages.reduce((sum, p) => sum + p.response().body.length, 0);
add(`corpus: parse only (${pages.length} pages)`, corpusChars, () => pages.forEach((p) => parseHtml(p.response().body)));
add(`corpus: engine reads results (${pages.length} pages)`, corpusChars, () => pages.forEach((p) => ENGINES[p.expected.engine].parse(p.response())));
if (largest) add(`largest page: engine reads results (${largest.folder}/${largest.file})`, largest.response().body.length, () => ENGINES[largest.expected.engine].parse(largest.response()));

const hostile: Array<[string, string]> = [
  ['100,000 nested <div>', '<div>'.repeat(100_000)],
  ['100,000 nested <span><b> + 100,000 stray </x>', '<span><b>'.repeat(50_000) + '</x>'.repeat(100_000)],
  ['100,000 unclosed <li>', `<ul>${'<li>x'.repeat(100_000)}`],
  ['1 MiB of <i>x</i>', '<i>x</i>'.repeat(131_072)],
  ['20 MiB of result rows (cut at 4 MiB)', '<div class="r"><a href="/x">result</a></div>'.repeat(Math.ceil((20 * 1024 * 1024) / 45))],
];
for (const [what, html] of hostile) add(`hostile: ${what}: parse, select, text`, html.length, () => {
  const page = parseHtml(html);
  selectAll(page, 'div a, a h3');
  textOf(page);
});

console.log(`rounds: ${rounds}, Node ${process.version}`);
console.log('| what | chars | median ms | min ms | max ms |\n|---|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.what} | ${r.chars} | ${r.median.toFixed(0)} | ${r.min.toFixed(0)} | ${r.max.toFixed(0)} |`);
console.log(JSON.stringify({ bench: 'html-dom', rounds, rows }));
