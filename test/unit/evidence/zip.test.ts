import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildZip } from '../../../src/modules/evidence/zip.models.ts';
import { makeTempDir } from '../../helpers/test-app.ts';

const at = new Date('2026-11-22T10:11:12Z');
const entries = [
  { name: 'manifest.json', data: Buffer.from('{"ok":true}\n'), modifiedAt: at },
  { name: 'captures/cap_1/screenshot.png', data: randomBytes(70_000), modifiedAt: at },
  { name: 'captures/cap_1/pagé-ünïcode.html', data: Buffer.from('<p>é</p>'), modifiedAt: at },
  { name: 'empty.txt', data: Buffer.alloc(0), modifiedAt: at },
];

function writeZip(): string {
  const file = path.join(makeTempDir(), 'pack.zip');
  fs.writeFileSync(file, buildZip(entries));
  return file;
}

const hasPython = spawnSync('python3', ['--version']).status === 0;
const hasUnzip = spawnSync('unzip', ['-v']).status === 0;

describe('the ZIP writer', () => {
  it.skipIf(!hasPython)('writes archives that Python\'s zipfile reads back byte for byte, CRCs checked', () => {
    const file = writeZip();
    const script = [
      'import sys, zipfile, json, hashlib',
      'z = zipfile.ZipFile(sys.argv[1])',
      'assert z.testzip() is None',
      'print(json.dumps([[i.filename, i.file_size, hashlib.sha256(z.read(i)).hexdigest(), list(i.date_time)] for i in z.infolist()]))',
    ].join('\n');
    const out = JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' })) as [string, number, string, number[]][];
    expect(out.map((e) => e[0])).toEqual(entries.map((e) => e.name));
    for (const [i, e] of entries.entries()) {
      expect(out[i]![1]).toBe(e.data.length);
      expect(out[i]![2]).toBe(createHash('sha256').update(e.data).digest('hex'));
    }
    expect(out[0]![3]).toEqual([2026, 11, 22, 10, 11, 12]);
  });

  it.skipIf(!hasUnzip)('passes unzip -t', () => {
    const result = spawnSync('unzip', ['-t', writeZip()], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('No errors detected');
  });

  it('refuses entry names that could escape the folder they are unpacked into', () => {
    for (const name of ['../x', '/etc/passwd', 'a/../../b', 'a\\b', 'a//b', '']) {
      expect(() => buildZip([{ name, data: Buffer.alloc(1), modifiedAt: at }])).toThrow(/unsafe ZIP entry name/);
    }
    expect(() => buildZip([{ name: 'a', data: Buffer.alloc(1), modifiedAt: at }, { name: 'a', data: Buffer.alloc(1), modifiedAt: at }])).toThrow(/duplicate/);
  });
});
