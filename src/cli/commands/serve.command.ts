import type { ProcessMode } from '../../config/config.ts';
import { exitCodes, type CliCommand } from '../cli.types.ts';
import { SHUTDOWN_SIGNALS } from '../../shared/shutdown-signals.models.ts';

export const serveCommand: CliCommand = {
  name: 'serve',
  usage: 'serve [--mode all|web|worker]',
  summary: 'Start the service (dashboard, API, scheduler and worker) until SIGTERM or Ctrl-C.',
  options: { mode: { type: 'string' } },
  async run({ values }, io) {
    const [{ loadConfig }, { startService }] = await Promise.all([import('../../config/config.ts'), import('../../service.ts')]);
    const config = loadConfig(io.env, { cwd: io.cwd });
    const mode = (values.mode as string | undefined) ?? config.processMode;
    if (!['all', 'web', 'worker'].includes(mode)) {
      io.stderr.write(`--mode must be one of all, web, worker.\n`);
      return exitCodes.usage;
    }
    // Listened to before the start, so a signal during it is not lost; the service closes its browser itself.
    const stopAsked = new Promise<void>((resolve) => {
      for (const signal of SHUTDOWN_SIGNALS) process.once(signal, () => resolve());
    });
    const service = await startService(config, mode as ProcessMode, {}, { handlesSignals: true });
    if (service.url) io.stderr.write(`Exposure Scanner is running at ${service.url}\n`);
    await stopAsked;
    await service.stop().catch(() => undefined);
    return exitCodes.ok;
  },
};
