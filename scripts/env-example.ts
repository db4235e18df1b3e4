/** Writes .env.example and prints the README table from the settings table, so both match what the code reads. */
import fs from 'node:fs';
import { allSettingDefinitions as settingDefinitions } from '../src/config/config.ts';

export function renderEnvExample(): string {
  const lines = ['# Exposure Scanner settings. Copy to .env and change what you need; every value shown is the default.', ''];
  for (const def of settingDefinitions) {
    lines.push(`# ${def.description}`, `# Expects: ${def.expects}.`);
    lines.push(def.default === undefined ? `# ${def.env}=` : `${def.env}=${def.default}`, '');
  }
  return lines.join('\n');
}

export function renderReadmeTable(): string {
  const rows = settingDefinitions.map((d) => {
    const def = d.default === undefined ? '(unset)' : d.default === '' ? '(empty)' : `\`${d.default}\``;
    return `| \`${d.env}\` | ${def} | ${d.expects} | ${d.description.replace(/\|/g, '\\|')} |`;
  });
  return ['| Variable | Default | Expects | What it does |', '|---|---|---|---|', ...rows].join('\n');
}

if (process.argv[1]?.endsWith('env-example.ts')) {
  fs.writeFileSync(new URL('../.env.example', import.meta.url), renderEnvExample());
  process.stdout.write(`${renderReadmeTable()}\n`);
}
