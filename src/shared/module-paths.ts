import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The service starts from JavaScript compiled into dist/ (dist/src, dist/workers mirror the checkout), while
// tests and scripts run the TypeScript sources. Only TypeScript is compiled: the files read at run time
// (migrations, catalog, static files, photos, the sandbox launcher) stay where they are in the checkout, so
// there is one copy of each and no list of assets to keep in step with a build script.

/** How this file itself is running: compiled (dist/src/shared/module-paths.js) or from source. */
const compiled = import.meta.url.endsWith('.js');
const distDir = compiled ? fileURLToPath(new URL('../../', import.meta.url)) : null;
const checkoutDir = fileURLToPath(new URL(compiled ? '../../../' : '../../', import.meta.url));

/**
 * The file `relative` to the module at `moduleUrl` (pass `import.meta.url`), as it lies in the checkout: from
 * a compiled module under dist/ the same path without dist/, from a source module the path itself. A trailing
 * slash (a folder) is kept.
 */
export function checkoutPath(relative: string, moduleUrl: string): string {
  return mapToCheckout(fileURLToPath(new URL(relative, moduleUrl)), distDir, checkoutDir);
}

/** Maps a path under `dist` to the same path under `checkout`; any other path is returned unchanged. */
export function mapToCheckout(file: string, dist: string | null, checkout: string): string {
  if (dist === null) return file;
  const inside = path.relative(dist, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return file;
  const mapped = path.join(checkout, inside);
  return file.endsWith(path.sep) && !mapped.endsWith(path.sep) ? `${mapped}${path.sep}` : mapped;
}
