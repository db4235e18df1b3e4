import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.ts';
import { createApp } from '../../../src/app.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { makeTempDir } from '../../helpers/test-app.ts';

const root = path.resolve(import.meta.dirname, '../../..');

/**
 * Docker's .dockerignore rules (moby/patternmatcher): patterns are relative to the context root, `*` and `?`
 * stay inside one path segment, `**` spans any number of them, a pattern that matches a directory excludes
 * everything below it, and the last matching line wins (`!` re-includes).
 */
function parseDockerignore(text: string) {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const pattern = path.posix.normalize((negated ? line.slice(1) : line).trim().replace(/^\/+/, '')).replace(/\/+$/, '');
      let source = '';
      for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i]!;
        if (c === '*' && pattern[i + 1] === '*') {
          source += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
          i += pattern[i + 2] === '/' ? 2 : 1;
        } else if (c === '*') source += '[^/]*';
        else if (c === '?') source += '[^/]';
        else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      }
      return { negated, regex: new RegExp(`^${source}$`) };
    });
  return (file: string): boolean => {
    const parts = file.split('/');
    const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let excluded = false;
    for (const rule of rules) if (prefixes.some((p) => rule.regex.test(p))) excluded = !rule.negated;
    return excluded;
  };
}

const isIgnored = parseDockerignore(fs.readFileSync(path.join(root, '.dockerignore'), 'utf8'));

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

describe('.dockerignore', () => {
  const tempDirs: string[] = [];
  afterAll(() => {
    for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('the matcher follows Docker rules: directories exclude their contents, the last line wins, * stays in one segment', () => {
    const matches = parseDockerignore('data\n*.txt\n**/*.key\n.env.*\n!.env.example\n');
    expect(matches('data/exposure-scanner.sqlite')).toBe(true);
    expect(matches('src/data.ts')).toBe(false);
    expect(matches('notes.txt')).toBe(true);
    expect(matches('docs/notes.txt')).toBe(false);
    expect(matches('deep/down/evidence.key')).toBe(true);
    expect(matches('.env.production')).toBe(true);
    expect(matches('.env.example')).toBe(false);
  });

  it('keeps out every file the service writes into DATA_DIR, at the default place and with DATA_DIR set to the checkout itself', async () => {
    // Run the real composition root on a fresh DATA_DIR and look at what it leaves there: the database, its
    // WAL, the generated evidence key and a vault file.
    const dataDir = makeTempDir('es-dockerignore-');
    tempDirs.push(dataDir);
    const app = await createApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
      logger: createLogger({ level: 'silent' }),
      browserLocation: { kind: 'missing', instruction: 'not needed', tried: [] },
    });
    await app.evidence.put(Buffer.from('a page someone should never see in an image layer'), 'text/html');
    const written = filesUnder(dataDir);
    await app.close();
    expect(written).toContain('evidence.key');
    expect(written.some((f) => f.endsWith('.sqlite'))).toBe(true);
    expect(written.some((f) => f.startsWith('evidence/'))).toBe(true);

    const defaultDataDir = path.relative(root, loadConfig({}, { cwd: root }).dataDir);
    expect(defaultDataDir).toBe('data');
    for (const file of written) {
      expect(isIgnored(`${defaultDataDir}/${file}`), `${defaultDataDir}/${file}`).toBe(true);
      expect(isIgnored(file), `DATA_DIR=. leaves ${file}`).toBe(true);
    }
  });

  it('keeps out credentials: .env and its variants, key files anywhere, but not the documented example', () => {
    for (const secret of ['.env', '.env.local', '.env.production', 'evidence.key', 'deploy/evidence.key', 'backup/tls.pem', 'old/exposure-scanner.sqlite-wal']) {
      expect(isIgnored(secret), secret).toBe(true);
    }
    expect(isIgnored('.env.example')).toBe(false);
  });

  it('keeps out build leftovers that would bloat or leak: git history, node_modules, screenshots, coverage, test output', () => {
    for (const leftover of ['.git/config', 'node_modules/fastify/package.json', 'screenshots/overview-phone.png', 'coverage/index.html', 'test-results/report.json', 'bench/out/last.json']) {
      expect(isIgnored(leftover), leftover).toBe(true);
    }
  });

  it('sends every tracked file the image builds and runs from: sources, workers, migrations, catalogue, CLI, package and build files', () => {
    const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
    const needed = tracked.filter((f) => /^(src|workers|migrations|catalog|bin)\//.test(f) || ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', '.env.example'].includes(f));
    expect(needed.length).toBeGreaterThan(100);
    expect(needed).toContain('src/main.ts');
    expect(needed).toContain('tsconfig.build.json');
    expect(needed.filter((f) => isIgnored(f))).toEqual([]);
  });
});
