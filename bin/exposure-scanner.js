#!/usr/bin/env node
// The CLI runs the JavaScript compiled into dist/ by `npm ci` (`npm run build`): no TypeScript is transpiled at
// start, so a command answers in a fraction of a second.
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// Node 22.1+ keeps the compiled code of the modules on disk, so later commands skip most parsing (Node 20 has no cache).
module.enableCompileCache?.();

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
let cli;
try {
  cli = await import(entry.href);
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes(fileURLToPath(entry))) throw error;
  process.stderr.write('The compiled program is missing (dist/). Run `npm run build` (`npm ci` does it) and try again.\n');
  process.exit(70);
}
process.exitCode = await cli.runCli(process.argv.slice(2));
