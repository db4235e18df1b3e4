import { parseArgs } from 'node:util';
import { ConfigError } from '../config/config-error.ts';
import { isAppError } from '../shared/errors.ts';
import { exitCodes, type CliCommand, type CliIo } from './cli.types.ts';
import { cliCommands } from './commands/index.ts';

function helpText(commands: CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return [
    'exposure-scanner — watch the web for exposed personal data and photos, keep evidence, draft takedowns.',
    '',
    'Usage: exposure-scanner <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Every command reads the same environment (DATA_DIR, ...) and database as the service.',
    'Run `exposure-scanner <command> --help` for a command\'s options.',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }, commands: CliCommand[] = cliCommands): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${helpText(commands)}\n`);
    return name ? exitCodes.ok : exitCodes.usage;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`Unknown command "${name}".\n\n${helpText(commands)}\n`);
    return exitCodes.usage;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\nUsage: exposure-scanner ${command.usage}\n`);
    return exitCodes.usage;
  }
  if (parsed.values.help) {
    io.stdout.write(`Usage: exposure-scanner ${command.usage}\n\n${command.summary}\n`);
    return exitCodes.ok;
  }
  try {
    return await command.run({ positionals: parsed.positionals, values: parsed.values as Record<string, unknown> }, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return exitCodes.config;
    }
    if (isAppError(error)) {
      io.stderr.write(`error ${error.code}: ${error.message}\n`);
      return error.statusCode < 500 ? exitCodes.dataError : exitCodes.failure;
    }
    io.stderr.write(`error: ${(error as Error).message}\n`);
    return exitCodes.failure;
  }
}
