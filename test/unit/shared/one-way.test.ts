import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Helpers that once existed in several copies with slightly different rules (one escaper missed the backtick,
// one SMTP sender had no timeouts, one cron evaluator ignored time zones). These checks fail as soon as a
// second copy is written anywhere in the service's code, so the next fix lands in the one place that counts.

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TREES = ['src', 'workers'];

interface SourceFile {
  file: string;
  text: string;
}

function sourceFiles(): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|js|mjs|cjs)$/.test(entry.name)) out.push({ file: path.relative(ROOT, full), text: fs.readFileSync(full, 'utf8') });
    }
  };
  for (const tree of TREES) walk(path.join(ROOT, tree));
  return out;
}

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

describe('one way to do each thing', () => {
  const files = sourceFiles();

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
  ])('defines %s only in %s', (name, home) => {
    expect(filesDefining(files, name)).toEqual([home]);
  });

  it('opens SMTP connections only through the shared transport factory, which bounds every wait', () => {
    expect(filesMatching(files, /\bcreateTransport\s*\(/)).toEqual(['src/shared/smtp-transport.ts']);
  });

  it('evaluates cron expressions only in the shared cron module; the scheduler only runs its task', () => {
    expect(filesMatching(files, /from\s+'node-cron'/).sort()).toEqual(['src/shared/cron.models.ts', 'workers/scheduler.ts']);
    expect(filesMatching(files, /\bcron\.parse\s*\(/)).toEqual([]);
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
