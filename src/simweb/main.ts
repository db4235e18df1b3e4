import { parseArgs } from 'node:util';
import { isBlockSignal } from '../providers/block-signals.ts';
import { isEngineId } from '../providers/engine-registry.ts';
import type { BlockSignal, EngineId } from '../providers/provider.types.ts';
import { createSimulatedWeb } from './server.ts';

// Starts the simulated web: `tsx src/simweb/main.ts [--port N] [--block ENGINE=SIGNAL ...]`.
// Prints the base URL on the first line, then the engine endpoints, and stops cleanly on SIGINT/SIGTERM.

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.SIMWEB_PORT ?? '0' },
    block: { type: 'string', multiple: true, default: [] },
    'no-hostile': { type: 'boolean', default: false },
  },
});

const blocked: Partial<Record<EngineId, BlockSignal>> = {};
for (const flag of values.block ?? []) {
  const [engine = '', signal = ''] = flag.split('=');
  if (!isEngineId(engine) || !isBlockSignal(signal)) {
    console.error(`Unknown --block value "${flag}" (expected ENGINE=SIGNAL)`);
    process.exit(2);
  }
  blocked[engine] = signal;
}

const port = Number.parseInt(values.port ?? '0', 10);
const web = await createSimulatedWeb({ port: Number.isFinite(port) ? port : 0, blocked, indexHostile: !values['no-hostile'] });
console.log(web.url);
for (const [id, endpoint] of Object.entries(web.engineEndpoints)) console.log(`  --engine ${id}=${endpoint}`);

const stop = () => {
  void web.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
