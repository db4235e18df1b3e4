import { describe, expect, it } from 'vitest';
import { regexSources, TAG_IN_PATTERN } from '../../helpers/regex-sources.ts';
import { sourceFiles, type SourceFile } from '../../helpers/source-files.ts';

// Helpers that once existed in several copies with slightly different rules (one escaper missed the backtick,
// one SMTP sender had no timeouts, one cron evaluator ignored time zones). These checks fail as soon as a
// second copy is written anywhere in the service's code, so the next fix lands in the one place that counts.

const TREES = ['src', 'workers'];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Declarations of `name`: a function, a variable bound to a value, or a method in an object or class. */
function definitionPattern(name: string): RegExp {
  const n = escapeRegExp(name);
  return new RegExp(`(?:\\bfunction\\s*\\*?\\s*${n}\\s*[<(])|(?:\\b(?:const|let|var)\\s+${n}\\s*[:=])|(?:^\\s*(?:async\\s+)?${n}\\s*(?:<[^>]*>)?\\([^)]*\\)\\s*(?::[^{;]+)?\\{)`, 'm');
}

function filesDefining(files: SourceFile[], name: string): string[] {
  const pattern = definitionPattern(name);
  return files.filter((f) => pattern.test(f.text)).map((f) => f.file);
}

function filesMatching(files: SourceFile[], pattern: RegExp): string[] {
  return files.filter((f) => pattern.test(f.text)).map((f) => f.file);
}

// SQL lives in repositories (`*.repository.ts`) and the connection module (src/db/: opening, migrations, the
// backup and transaction helpers). Raw statements, drizzle's query builder and table imports anywhere else
// spread one table's rules (sealed columns, blind indexes, counters moved together) over files that cannot
// keep them.
const SQL_PATTERNS: [string, RegExp][] = [
  ['the drizzle sql tag', /\bsql`/],
  ['a prepared statement', /\.prepare\(/],
  ['a raw statement', /\.exec\(\s*['"`]/],
  ['the raw driver', /\$client\b/],
  ['the drizzle query builder', /from\s+'drizzle-orm(?:\/[^']*)?'/],
  ['a table of the schema', /from\s+'[^']*\/db\/schema(?:\/[^']*)?'/],
];

// Places allowed SQL outside repositories, each with why. Empty: the dashboard's read models, once the last
// exception, now read through repositories of their own (src/web/read-models/*.repository.ts).
const SQL_ALLOWED: Record<string, string> = {};

// Pages are read by the one HTML parser (src/shared/html-dom.ts), which knows comments, templates, entities,
// raw text and unclosed tags; a pattern such as /<a\s[^>]*href/ knows none of them and takes a link hidden in a
// comment for a real one. Substring checks for markers (`id="cf-error-details"`) are not parsing and stay allowed.
const HTML_PARSER_HOME = 'src/shared/html-dom.ts';

function tagPatternsOutsideParser(files: SourceFile[]): string[] {
  return files
    .filter((f) => f.file !== HTML_PARSER_HOME)
    .flatMap((f) => regexSources(f.text).filter((source) => TAG_IN_PATTERN.test(source)).map((source) => `${f.file}: /${source.slice(0, 60)}/`));
}

// The worker's files take their dependency types from src/deps.types.ts; only an entry point that builds the
// application (calls createApp) has a reason to import the composition root. A job file importing it would
// pull the whole graph (browser, providers, mail) into every test of one handler, and invites taking all of it.
const IMPORTS_ROOT_FROM_WORKERS = /(?:from\s+|import\(\s*)'(?:\.\.\/)+src\/app\.ts'/;

function workerFilesImportingRoot(files: SourceFile[]): string[] {
  return files.filter((f) => f.file.startsWith('workers/') && IMPORTS_ROOT_FROM_WORKERS.test(f.text) && !/\bcreateApp\s*\(/.test(f.text)).map((f) => f.file);
}

// Route modules (the dashboard's and the modules' API), job handlers and the CLI's shared helpers name the
// dependencies they use (a Pick of AppDeps beside them), so a reader sees what a page, job or command step can
// touch and a test can build just that. A parameter typed as the whole bag hides it. Textual on purpose: a
// parameter or field annotated `: AppDeps`, or `: App` (the whole bag with close(), as the CLI gets it), is how
// the whole bag has always been asked for here, whatever the name (`deps`, `appDeps`, `app`); `AppDeps['x']`
// is one member and passes.
const WHOLE_DEPS_PARAMETER = /\b\w+\??\s*:\s*(?:AppDeps|App)\b(?!\s*\[)/;
const NARROW_DEPS_AREAS = ['src/web/', 'workers/', 'src/modules/', 'src/cli/'];
const WHOLE_DEPS_ALLOWED: Record<string, string> = {
  // It hands every route module the whole application, which is what each module's narrower type accepts.
  'src/web/server.ts': 'builds the server from the whole application',
  // The CLI builds the whole application for one command and closes it afterwards. The commands under
  // src/cli/commands/ receive it from this callback without naming its type and keep all of it: each is the
  // composition root of one run (scan starts a worker with every job handler on it), and they hand narrower
  // helpers (inspectPage, createPhotoMatcherForFiles) only their part.
  'src/cli/cli-app.ts': 'builds the whole application for a command',
};

function wholeDepsParameters(files: SourceFile[]): string[] {
  const exempt = (file: string) => Object.keys(WHOLE_DEPS_ALLOWED).some((prefix) => file.startsWith(prefix));
  return files.filter((f) => NARROW_DEPS_AREAS.some((a) => f.file.startsWith(a)) && !exempt(f.file) && WHOLE_DEPS_PARAMETER.test(f.text)).map((f) => f.file);
}

// Which database runs (SQLite or PostgreSQL) is known in src/db only: repositories write drizzle builders and
// raw-sql.ts calls, which both dialects answer. A repository reaching for a driver would work on one of them.
const DRIVER_PATTERNS: [string, RegExp][] = [
  // drizzle's own `.prepare()` of a builder is dialect-neutral; the driver's is reached through `$client`.
  ['the raw driver', /\$client\b/],
  ['a raw statement', /\.exec\(\s*['"`]/],
  ['a driver package', /from\s+'(?:better-sqlite3|pg)'/],
  ['a dialect\'s own tables', /from\s+'[^']*\/db\/schema-pg(?:\/[^']*)?'/],
];

function driverOutsideDb(files: SourceFile[]): string[] {
  return files.filter((f) => !f.file.startsWith('src/db/')).flatMap((f) => DRIVER_PATTERNS.filter(([, pattern]) => pattern.test(f.text)).map(([what]) => `${f.file}: ${what}`));
}

function sqlOutsideRepositories(files: SourceFile[]): string[] {
  const exempt = (file: string) => file.endsWith('.repository.ts') || file.startsWith('src/db/') || Object.keys(SQL_ALLOWED).some((prefix) => file.startsWith(prefix));
  return files.filter((f) => !exempt(f.file)).flatMap((f) => SQL_PATTERNS.filter(([, pattern]) => pattern.test(f.text)).map(([what]) => `${f.file}: ${what}`));
}

describe('one way to do each thing', () => {
  const files = sourceFiles(TREES);

  it('reads the whole source tree', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it.each([
    ['escapeHtml', 'src/shared/html-escape.models.ts'],
    ['sha256Hex', 'src/shared/hashing.models.ts'],
    ['hostOf', 'src/shared/url.models.ts'],
    ['registrableDomain', 'src/shared/url.models.ts'],
    ['nextCronOccurrence', 'src/shared/cron.models.ts'],
    ['latestOccurrence', 'src/shared/cron.models.ts'],
    ['fsyncPathSync', 'src/shared/durable-files.ts'],
    ['parseHtml', HTML_PARSER_HOME],
    ['decodeEntities', HTML_PARSER_HOME],
    ['escapeRegExp', 'src/shared/regexp.models.ts'],
  ])('defines %s only in %s', (name, home) => {
    expect(filesDefining(files, name)).toEqual([home]);
  });

  it('escapes text for a regular expression only in the shared helper (no inline copy of its replacement)', () => {
    expect(filesMatching(files, /\\\\\$&/)).toEqual(['src/shared/regexp.models.ts']);
  });

  it('opens SMTP connections only through the shared transport factory, which bounds every wait', () => {
    expect(filesMatching(files, /\bcreateTransport\s*\(/)).toEqual(['src/shared/smtp-transport.ts']);
  });

  it('evaluates cron expressions only in the shared cron module; the scheduler only runs its task', () => {
    expect(filesMatching(files, /from\s+'node-cron'/).sort()).toEqual(['src/shared/cron.models.ts', 'workers/scheduler.ts']);
    expect(filesMatching(files, /\bcron\.parse\s*\(/)).toEqual([]);
  });

  it('keeps SQL, the query builder and schema tables in repositories and the connection module', () => {
    expect(sqlOutsideRepositories(files)).toEqual([]);
  });

  it('keeps the drivers and the dialects in src/db: repositories run on SQLite and PostgreSQL alike', () => {
    expect(driverOutsideDb(files)).toEqual([]);
    expect(driverOutsideDb([
      { file: 'src/modules/f/f.repository.ts', text: "const s = db.$client.prepare('select 1');" },
      { file: 'src/modules/g/g.repository.ts', text: "import { hits } from '../../db/schema-pg/index.ts';" },
      { file: 'src/cli/commands/x.command.ts', text: "import pg from 'pg';" },
      { file: 'src/db/raw-sql.ts', text: "db.$client.prepare(text);" },
    ])).toEqual([
      'src/modules/f/f.repository.ts: the raw driver',
      'src/modules/g/g.repository.ts: a dialect\'s own tables',
      'src/cli/commands/x.command.ts: a driver package',
    ]);
  });

  it('takes dependency types from deps.types.ts: no module, provider, web or browser file imports the composition root', () => {
    const importsRoot = /from\s+'(?:\.\.\/)+app\.ts'/;
    const areas = ['src/modules/', 'src/providers/', 'src/web/', 'src/browser/'];
    expect(files.filter((f) => areas.some((a) => f.file.startsWith(a)) && importsRoot.test(f.text)).map((f) => f.file)).toEqual([]);
    expect(files.filter((f) => /from\s+'\.\/app\.ts'/.test(f.text)).map((f) => f.file).filter((f) => !['src/service.ts', 'src/main.ts'].includes(f))).toEqual([]);
  });

  it('keeps the composition root out of the worker: no file under workers/ imports src/app.ts unless it builds the application', () => {
    expect(workerFilesImportingRoot(files)).toEqual([]);
  });

  it('has every route module, job handler, module helper and CLI helper ask for the dependencies it uses, never the whole AppDeps', () => {
    expect(wholeDepsParameters(files)).toEqual([]);
  });

  it('recognises imports of the composition root and whole-deps parameters, so the two checks above cannot pass by missing them', () => {
    const imports: SourceFile[] = [
      { file: 'workers/a.job.ts', text: "import type { AppDeps } from '../src/app.ts';" },
      { file: 'workers/b.ts', text: "const { createApp } = await import('../src/app.ts');\nexport const run = () => 1;" },
      { file: 'workers/main.ts', text: "import { createApp } from '../src/app.ts';\nconst app = createApp(loadConfig());" },
      { file: 'workers/c.job.ts', text: "import type { AppDeps } from '../src/deps.types.ts';" },
      { file: 'src/d.ts', text: "import type { AppDeps } from './app.ts';" },
    ];
    expect(workerFilesImportingRoot(imports)).toEqual(['workers/a.job.ts', 'workers/b.ts']);
    const parameters: SourceFile[] = [
      { file: 'workers/a.job.ts', text: 'export function createAJob(deps: AppDeps) {}' },
      { file: 'src/web/dashboard/b.routes.ts', text: 'export function registerB(app: FastifyInstance, deps: AppDeps): void {}' },
      { file: 'src/web/dashboard/c.ts', text: 'export const c = (options: { wipe: (deps: AppDeps) => Wipe }) => options;' },
      { file: 'workers/d.job.ts', text: "export type DJobDeps = Pick<AppDeps, 'jobs'>;\nexport function createDJob(deps: DJobDeps) {}" },
      { file: 'workers/e.job.ts', text: "export const dirOf = (config: AppDeps['config']) => config.dataDir;\nconst f = (deps: AppDeps['jobs']) => deps;" },
      { file: 'src/web/server.ts', text: 'export async function buildServer(deps: AppDeps) {}' },
      { file: 'src/web/read-models/f.ts', text: 'export function readF(deps: AppDeps) {}' },
      { file: 'src/modules/g/g.routes.ts', text: 'export function registerGRoutes(app: FastifyInstance, deps: AppDeps): void {}' },
      { file: 'src/modules/h/h.routes.ts', text: 'export const hModule = () => (app: FastifyInstance, appDeps: AppDeps) => register(app, appDeps);' },
      { file: 'src/modules/i/i.routes.ts', text: "export function createI(vaultOf: (deps: AppDeps) => Vault) {}\nexport type IRoutesDeps = Pick<AppDeps, 'evidence'>;" },
      { file: 'src/modules/j/j.routes.ts', text: "export type JRoutesDeps = Pick<AppDeps, 'hits'>;\nexport function registerJRoutes(app: FastifyInstance, deps: JRoutesDeps): void {}" },
      { file: 'src/cli/k.ts', text: 'export async function inspectK(app: App, url: string) {}' },
      { file: 'src/cli/l.ts', text: "export async function inspectL(app: Pick<AppDeps, 'config'>, extras: AppExtensions) {}" },
      { file: 'src/cli/cli-app.ts', text: 'export async function withCliApp<T>(io: CliIo, fn: (app: App) => Promise<T>) {}' },
      { file: 'src/deps.types.ts', text: 'export type RouteModule = (app: FastifyInstance, deps: AppDeps) => void;' },
    ];
    expect(wholeDepsParameters(parameters)).toEqual([
      'workers/a.job.ts', 'src/web/dashboard/b.routes.ts', 'src/web/dashboard/c.ts', 'src/web/read-models/f.ts',
      'src/modules/g/g.routes.ts', 'src/modules/h/h.routes.ts', 'src/modules/i/i.routes.ts', 'src/cli/k.ts',
    ]);
  });

  it('recognises SQL outside repositories, so the check above cannot pass by missing it', () => {
    const samples: SourceFile[] = [
      { file: 'src/modules/a/a.usecases.ts', text: "const n = db.$client.prepare('select 1').get();" },
      { file: 'src/modules/b/b.usecases.ts', text: "import { eq } from 'drizzle-orm';" },
      { file: 'src/modules/c/c.usecases.ts', text: "import { hits } from '../../db/schema/index.ts';" },
      { file: 'src/modules/d/d.usecases.ts', text: 'const where = sql`${t.n} + 1`;' },
      { file: 'workers/e.job.ts', text: "sqlite.exec('delete from jobs');" },
      { file: 'src/modules/f/f.repository.ts', text: "import { eq } from 'drizzle-orm';\nconst s = db.$client.prepare('select 1');" },
      { file: 'src/db/client.ts', text: "db.$client.prepare('select 1');" },
      { file: 'src/modules/g/g.models.ts', text: 'const m = PATTERN.exec(text);' },
    ];
    expect(sqlOutsideRepositories(samples)).toEqual([
      'src/modules/a/a.usecases.ts: a prepared statement',
      'src/modules/a/a.usecases.ts: the raw driver',
      'src/modules/b/b.usecases.ts: the drizzle query builder',
      'src/modules/c/c.usecases.ts: a table of the schema',
      'src/modules/d/d.usecases.ts: the drizzle sql tag',
      'workers/e.job.ts: a raw statement',
    ]);
  });

  it('reads HTML only with the one parser: no regular expression over tags, no other parser library', () => {
    expect(tagPatternsOutsideParser(files)).toEqual([]);
    expect(filesMatching(files, /from\s+'(?:htmlparser2|css-select|domhandler|domutils|entities|parse5|cheerio|linkedom|jsdom)'/)).toEqual([HTML_PARSER_HOME]);
  });

  it('recognises regular expressions over tags, and not HTML written in templates or named groups', () => {
    const samples: SourceFile[] = [
      { file: 'a.ts', text: 'const A = /<a[\\s>]/gi;' },
      { file: 'b.ts', text: "if (x) return /<\\/script/i.test(s);" },
      { file: 'c.ts', text: 'const c = new RegExp(`</${tag}`, "gi");' },
      { file: 'd.ts', text: "const d = new RegExp('<meta[^>]+charset');" },
      { file: 'e.ts', text: 'const e = html`<div class="${a ? `x/y` : \'z\'}"><a href="/p">p</a></div>`;\nconst n = 4 / 2; // <a href>\n/* /<div/ */' },
      { file: 'f.ts', text: 'const f = /(?<year>\\d{4})-\\k<year>/;' },
    ];
    expect(tagPatternsOutsideParser(samples).map((line) => line.split(':')[0])).toEqual(['a.ts', 'b.ts', 'c.ts', 'd.ts']);
  });

  it('recognises the definitions it looks for, so the checks above cannot pass by missing them', () => {
    const samples: SourceFile[] = [
      { file: 'a.ts', text: 'export function escapeHtml(value: string) {}' },
      { file: 'b.ts', text: 'const escapeHtml = (s: string) => s;' },
      { file: 'c.ts', text: 'class X {\n  escapeHtml(value: string): string {\n    return value;\n  }\n}' },
      { file: 'd.ts', text: "import { escapeHtml } from './x.ts';\nconst h = escapeHtml('<');" },
    ];
    expect(filesDefining(samples, 'escapeHtml')).toEqual(['a.ts', 'b.ts', 'c.ts']);
  });
});
