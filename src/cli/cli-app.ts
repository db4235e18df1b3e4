import type { App, AppExtensions } from '../app.ts';
import type { CliIo } from './cli.types.ts';

/**
 * The CLI builds the same application graph as the service, on the same DATA_DIR and database. Logs go to
 * stderr (stdout carries the JSON a script reads) and default to warnings only.
 */
export async function withCliApp<T>(io: CliIo, args: { allowHosts?: string[] } & AppExtensions, fn: (app: App) => Promise<T>): Promise<T> {
  // Imported here, not at the top: every command module imports this file, and `exposure-scanner --help`
  // should not load the whole application to print the list of commands.
  const [{ default: pino }, { loadConfig }, { createApp }, { createLogger }] = await Promise.all([import('pino'), import('../config/config.ts'), import('../app.ts'), import('../shared/logger.ts')]);
  const env = { LOG_LEVEL: 'warn', ...io.env };
  const config = loadConfig(env, { cwd: io.cwd });
  config.net.allowPrivateHosts = [...config.net.allowPrivateHosts, ...(args.allowHosts ?? [])];
  const app = await createApp(config, { logger: createLogger({ level: config.logLevel, destination: pino.destination(2) }), photoMatcher: args.photoMatcher, scanHooks: args.scanHooks });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

export const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);
