import { exitCodes, type CliCommand } from '../cli.types.ts';
import { stringList, withCliApp } from '../cli-app.ts';

export const searchCommand: CliCommand = {
  name: 'search',
  usage: 'search "<query>" --engine ID[=URL] [--allow-host HOST]... [--json]',
  summary: 'Send one query to one engine and print what it returned (nothing is stored). Exit 69 when the engine did not answer with results.',
  options: { engine: { type: 'string' }, 'allow-host': { type: 'string', multiple: true }, json: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    const query = positionals.join(' ').trim();
    if (!query || typeof values.engine !== 'string') {
      io.stderr.write('Usage: exposure-scanner search "<query>" --engine ID[=URL] [--json]\n');
      return exitCodes.usage;
    }
    const { getEngine, parseEngineFlag } = await import('../../providers/engine-registry.ts');
    const { id, endpoint } = parseEngineFlag(values.engine);
    const allowHosts = stringList(values['allow-host']);
    return withCliApp(io, { allowHosts }, async (app) => {
      const attempt = await app.searchRuntime.search(getEngine(id), query, { endpoint, allowHosts });
      const output = { engine: id, outcome: attempt.outcome, results: attempt.results.map((r) => ({ url: r.url, title: r.title, snippet: r.snippet })) };
      if (values.json) io.stdout.write(`${JSON.stringify(output)}\n`);
      else {
        io.stdout.write(`${id}: ${attempt.outcome}${attempt.signal && attempt.outcome !== 'ok' ? ` (${attempt.signal})` : ''}, ${output.results.length} result(s)\n`);
        for (const r of output.results) io.stdout.write(`  ${r.url}\n    ${r.title}\n`);
      }
      if (attempt.outcome !== 'ok' && attempt.detail) io.stderr.write(`${id}: ${attempt.detail}\n`);
      return attempt.outcome === 'ok' ? exitCodes.ok : exitCodes.unavailable;
    });
  },
};
