import fs from 'node:fs';
import path from 'node:path';

/** The checkout's root, for rules that read the project's own source. */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

export interface SourceFile {
  /** Relative to the checkout's root, with `/` as written in the rules. */
  file: string;
  text: string;
}

/** Every script file (ts, js, mjs, cjs) under the given folders of the checkout, with its text. */
export function sourceFiles(trees: string[]): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|js|mjs|cjs)$/.test(entry.name)) out.push({ file: path.relative(PROJECT_ROOT, full), text: fs.readFileSync(full, 'utf8') });
    }
  };
  for (const tree of trees) walk(path.join(PROJECT_ROOT, tree));
  return out;
}
