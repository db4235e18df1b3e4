import type { EngineDescription } from '../../modules/scans/scans.routes.ts';
import { isAppError } from '../../shared/errors.ts';
import { exitCodes, type CliCommand, type CliIo } from '../cli.types.ts';
import { withCliApp } from '../cli-app.ts';

const usage = 'engines [--json] | engines resume <id> [--json]';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The JSON shape scripts read: the state, the signal that caused a pause, since and until when. */
const toJson = (e: EngineDescription) => ({
  id: e.id, engine: e.engine, kind: e.kind, state: e.state, signal: e.signal, lastOutcome: e.lastOutcome,
  since: iso(e.blockedSince), until: iso(e.suspendedUntil), lastOkAt: iso(e.lastOkAt), failuresInARow: e.failuresInARow,
});

function printTable(io: CliIo, engines: EngineDescription[]): void {
  const rows = engines.map((e) => {
    const j = toJson(e);
    return [j.id, j.state, j.signal ?? '-', j.since ?? '-', j.until ?? '-', j.lastOkAt ?? '-'];
  });
  const header = ['ENGINE', 'STATE', 'SIGNAL', 'SINCE', 'UNTIL', 'LAST OK'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows]) io.stdout.write(`${row.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
}

export const enginesCommand: CliCommand = {
  name: 'engines',
  usage,
  summary: 'List the search engines with their state (ok, blocked, retrying, unused), the signal that paused them, since and until when; `resume <id>` lifts a pause now.',
  options: { json: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    const [sub, id, ...extra] = positionals;
    const json = Boolean(values.json);
    const { describeEngines, resumeEngine } = await import('../../modules/scans/scans.routes.ts');
    if (sub === undefined) {
      return withCliApp(io, {}, async (app) => {
        const engines = await describeEngines(app);
        if (json) io.stdout.write(`${JSON.stringify({ engines: engines.map(toJson) })}\n`);
        else printTable(io, engines);
        return exitCodes.ok;
      });
    }
    if (sub === 'resume' && id && extra.length === 0) {
      return withCliApp(io, {}, async (app) => {
        try {
          const engine = toJson(await resumeEngine(app, id));
          if (json) io.stdout.write(`${JSON.stringify(engine)}\n`);
          else io.stdout.write(`${engine.id}: ${engine.state === 'ok' ? 'working, nothing to lift' : engine.state === 'unused' ? 'not used yet, nothing to lift' : 'pause lifted; the next search tries it'}\n`);
          return exitCodes.ok;
        } catch (error) {
          if (!isAppError(error)) throw error;
          io.stderr.write(`${error.message} See \`exposure-scanner engines\` for the ids.\n`);
          return exitCodes.dataError;
        }
      });
    }
    io.stderr.write(`Usage: exposure-scanner ${usage}\n`);
    return exitCodes.usage;
  },
};
