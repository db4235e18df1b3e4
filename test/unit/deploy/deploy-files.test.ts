import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { allSettingDefinitions as settingDefinitions, loadConfig } from '../../../src/config/config.ts';
import { cliCommands } from '../../../src/cli/commands/index.ts';
import { renderEnvExample, renderReadmeTable } from '../../../scripts/env-example.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');
const settingNames = new Set<string>(settingDefinitions.map((d) => d.env));
const mainModes = ['migrate', 'web', 'worker', 'all'];
const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string>; engines: { node: string }; dependencies: Record<string, string> };
// The compiled entry: what `npm start` runs, emitted by tsconfig.build.json from src/main.ts.
const compiledMain = 'dist/src/main.js';
// Node 24 sizes V8's young generation from the machine's memory (~125 MiB more per process on 24 GiB); the
// service keeps Node 20's 16 MB a semi-space wherever it runs (bench/README.md, "Node 24's young generation").
const youngGenerationBound = '--max-semi-space-size=16';

interface ComposeService {
  build?: unknown;
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  healthcheck?: { test: string[] };
}

function parseDockerfile(text: string) {
  const joined = text.replace(/\\\n/g, ' ');
  const instructions = joined.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const get = (name: string) => instructions.filter((l) => l.toUpperCase().startsWith(`${name} `)).map((l) => l.slice(name.length + 1).trim());
  const env: Record<string, string> = {};
  for (const line of get('ENV')) for (const m of line.matchAll(/([A-Z_]+)=(\S+)/g)) env[m[1]!] = m[2]!;
  return { from: get('FROM'), env, expose: get('EXPOSE'), cmd: JSON.parse(get('CMD').at(-1)!) as string[], volume: get('VOLUME'), healthcheck: get('HEALTHCHECK'), user: get('USER') };
}

describe('docker-compose.yml', () => {
  const compose = parseYaml(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService>; volumes: Record<string, unknown> };

  it('runs web and worker from one image with the compiled entry point and modes', () => {
    const { web, worker } = compose.services;
    expect(web?.image).toBeDefined();
    expect(web?.image).toBe(worker?.image);
    for (const [name, service] of [['web', web], ['worker', worker]] as const) {
      const cmd = service!.command!;
      expect(cmd.slice(0, 2)).toEqual(['node', compiledMain]);
      expect(mainModes).toContain(cmd[2]);
      expect(cmd[2]).toBe(name);
      expect(service!.environment!.PROCESS_MODE).toBe(name);
    }
  });

  it('only sets variables the code reads, with values the code accepts', () => {
    for (const service of [compose.services.web!, compose.services.worker!]) {
      for (const key of Object.keys(service.environment ?? {})) expect(settingNames, key).toContain(key);
      expect(() => loadConfig(service.environment!)).not.toThrow();
    }
  });

  it('adds, with the scale profile only, a second worker that is the first one again on the same volume', () => {
    const { worker, 'worker-2': second } = compose.services as Record<string, ComposeService & { profiles?: string[] }>;
    expect(second?.profiles).toEqual(['scale']);
    expect(worker?.profiles).toBeUndefined();
    const { profiles: _profiles, ...rest } = second!;
    expect(rest).toEqual(worker);
    expect(second!.volumes).toContain(`data:${second!.environment!.DATA_DIR}`);
  });

  it('runs, with the scale profile only, PostgreSQL and an S3-compatible store that the example .env points the service at', () => {
    const services = compose.services as Record<string, ComposeService & { profiles?: string[]; expose?: string[]; depends_on?: Record<string, { required?: boolean }> }>;
    for (const name of ['postgres', 's3', 's3-bucket', 'worker-2']) expect(services[name]?.profiles, name).toEqual(['scale']);
    // Neither store is published on the host: only the scanner's processes reach them.
    expect(services.postgres!.ports).toBeUndefined();
    expect(services.s3!.ports).toBeUndefined();
    // Web and workers wait for them when they exist and start without them otherwise.
    for (const name of ['web', 'worker', 'worker-2']) {
      expect(services[name]!.depends_on?.postgres?.required, name).toBe(false);
      expect(services[name]!.depends_on?.['s3-bucket']?.required, name).toBe(false);
    }
    // The example .env is what the service reads: it loads, and names the compose services on their ports.
    const example = Object.fromEntries(read('deploy/scale.env.example').split('\n').filter((l) => /^[A-Z0-9_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    const { COMPOSE_PROFILES, POSTGRES_PASSWORD, ...serviceEnv } = example;
    expect(COMPOSE_PROFILES).toBe('scale');
    for (const key of Object.keys(serviceEnv)) expect(settingNames, key).toContain(key);
    const config = loadConfig({ ...compose.services.worker!.environment, ...serviceEnv });
    const databaseUrl = new URL(config.databaseUrl!);
    expect(databaseUrl.hostname).toBe('postgres');
    expect(services.postgres!.expose).toContain(databaseUrl.port);
    expect(decodeURIComponent(databaseUrl.password)).toBe(POSTGRES_PASSWORD);
    expect(databaseUrl.pathname.slice(1)).toBe((services.postgres!.environment as Record<string, string>).POSTGRES_DB);
    expect(databaseUrl.username).toBe((services.postgres!.environment as Record<string, string>).POSTGRES_USER);
    expect(config.evidence.store).toMatchObject({ kind: 's3', bucket: serviceEnv.S3_BUCKET });
    const s3Url = new URL(serviceEnv.S3_ENDPOINT!);
    expect(s3Url.hostname).toBe('s3');
    expect(services.s3!.expose).toContain(s3Url.port);
    expect(compose.volumes).toHaveProperty('postgres');
  });

  it('keeps DATA_DIR on a named volume shared by both processes', () => {
    for (const service of [compose.services.web!, compose.services.worker!]) {
      const dataDir = service.environment!.DATA_DIR;
      expect(service.volumes).toContain(`data:${dataDir}`);
    }
    expect(compose.volumes).toHaveProperty('data');
  });

  it('health-checks the web process on its real port and path, and the worker with a real CLI command', () => {
    const web = compose.services.web!;
    const port = loadConfig(web.environment!).port;
    expect(web.healthcheck!.test.join(' ')).toContain(`http://127.0.0.1:${port}/healthz`);
    expect(web.ports).toEqual([`127.0.0.1:${port}:${port}`]);
    const workerCheck = compose.services.worker!.healthcheck!.test;
    expect(fs.existsSync(path.join(root, workerCheck[2]!))).toBe(true);
    expect(cliCommands.map((c) => c.name)).toContain(workerCheck[3]);
  });

  it('includes a SearXNG backend the scanner is pointed at, with the JSON format enabled', () => {
    const searxng = compose.services.searxng!;
    expect(searxng.image).toMatch(/searxng\/searxng/);
    expect(compose.services.worker!.environment!.SEARXNG_URL).toBe('http://searxng:8080');
    expect(loadConfig(compose.services.worker!.environment!).scan.searxngUrls).toEqual(['http://searxng:8080']);
    const mount = searxng.volumes!.find((v) => v.includes('/etc/searxng/settings.yml'))!;
    const settings = parseYaml(read(mount.split(':')[0]!)) as { search: { formats: string[] }; server: { limiter: boolean } };
    expect(settings.search.formats).toContain('json');
    expect(settings.server.limiter).toBe(false);
  });
});

describe('the SearXNG service in docker-compose.yml', () => {
  const compose = parseYaml(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService & { depends_on?: Record<string, { condition: string }> }> };
  const searxng = compose.services.searxng!;

  it('pins a dated image tag, so an upgrade is a deliberate edit rather than whatever `latest` is today', () => {
    expect(searxng.image).toMatch(/^(docker\.io\/)?searxng\/searxng:\d{4}\.\d{1,2}\.\d{1,2}-[0-9a-f]{7,12}$/);
  });

  it('health-checks /healthz on the port the scanner is pointed at, and the worker waits until it is healthy', () => {
    const port = new URL(compose.services.worker!.environment!.SEARXNG_URL!).port;
    const check = searxng.healthcheck!.test.join(' ');
    expect(check).toContain(`http://127.0.0.1:${port}/healthz`);
    // The image has no wget or curl: the check must use a program it has.
    expect(searxng.healthcheck!.test.slice(0, 2)).toEqual(['CMD', 'python3']);
    expect(compose.services.worker!.depends_on!.searxng!.condition).toBe('service_healthy');
  });
});

describe('Dockerfile', () => {
  const docker = parseDockerfile(read('Dockerfile'));

  it('starts the compiled entry point on a pinned Node 24 with the settings the code reads', () => {
    expect(docker.from[0]).toMatch(/^node:24-/);
    expect(docker.cmd).toEqual(['node', compiledMain]);
    // NODE_* variables are read by Node itself (NODE_ENV, NODE_COMPILE_CACHE), not by the service's settings.
    for (const key of Object.keys(docker.env).filter((k) => !k.startsWith('NODE_'))) expect(settingNames, key).toContain(key);
    const config = loadConfig(docker.env);
    expect(docker.expose).toEqual([String(config.port)]);
    expect(docker.volume[0]).toContain(config.dataDir);
    expect(docker.env.CHROMIUM_PATH).toBe('/usr/bin/chromium');
  });

  it('bounds the young generation of every Node process in the image (compose commands and CLI included)', () => {
    expect(docker.env.NODE_OPTIONS?.split(/\s+/)).toContain(youngGenerationBound);
  });

  it('installs Chromium, runs as an unprivileged user and checks /healthz', () => {
    expect(read('Dockerfile')).toMatch(/apt-get install[^\n]*chromium/);
    expect(docker.user).toEqual(['node']);
    expect(docker.healthcheck.join(' ')).toContain('/healthz');
  });
});

describe('the build', () => {
  const buildConfig = JSON.parse(read('tsconfig.build.json').replace(/^\s*\/\/.*$/gm, '')) as { compilerOptions: Record<string, unknown>; include: string[] };

  it('is run by `npm ci` and emits the entry `npm start` runs, so a clone starts as plain JavaScript', () => {
    expect(packageJson.scripts.prepare).toBe('npm run build');
    expect(packageJson.scripts.build).toContain('tsc -p tsconfig.build.json');
    expect(packageJson.scripts.start).toBe(`node ${youngGenerationBound} ${compiledMain}`);
    const { outDir, rootDir } = buildConfig.compilerOptions;
    const source = path.relative(outDir as string, compiledMain).replace(/\.js$/, '.ts');
    expect(path.join(rootDir as string, source)).toBe('src/main.ts');
    expect(fs.existsSync(path.join(root, source))).toBe(true);
    expect(buildConfig.include).toEqual(expect.arrayContaining(['src', 'workers']));
    expect(buildConfig.compilerOptions.rewriteRelativeImportExtensions).toBe(true);
  });

  it('leaves tsx out of the runtime dependencies and out of the code the service and the CLI run', () => {
    expect(Object.keys(packageJson.dependencies)).not.toContain('tsx');
    expect(read('bin/exposure-scanner.js')).not.toMatch(/tsx/);
    expect(read('bin/exposure-scanner.js')).toContain('../dist/src/cli/main.js');
  });

  it('builds inside the image with the development dependencies, then drops them', () => {
    const run = read('Dockerfile').replace(/\\\n/g, ' ').split('\n').filter((l) => l.startsWith('RUN ')).join('\n');
    expect(run).toMatch(/npm ci\b[^\n]*&& npm prune --omit=dev/);
    expect(/npm ci((?:\s+--[\w=-]+)*)/.exec(run)![1]).not.toContain('--omit');
    expect(read('.dockerignore').split('\n')).toContain('dist');
  });

  it('declares a Node range that still includes 20 and the pinned image major', () => {
    expect(packageJson.engines.node).toBe('>=20.19');
    const major = Number(/^node:(\d+)/.exec(parseDockerfile(read('Dockerfile')).from[0]!)![1]);
    expect(major).toBeGreaterThanOrEqual(24);
  });
});

describe('documentation of settings', () => {
  it('.env.example is generated from the settings table and up to date', () => {
    expect(read('.env.example')).toBe(renderEnvExample());
  });

  it('the README lists every setting in its configuration table', () => {
    expect(read('README.md')).toContain(renderReadmeTable());
  });
});
