import { describe, expect, it } from 'vitest';
import { filesBlockingRestore } from '../../../src/modules/backup/backup.models.ts';

const manifest = { vault: [{ path: 'evidence/ab/ab12', sha256: 'x', bytes: 1 }, { path: 'evidence/cd/cd34', sha256: 'y', bytes: 1 }] };

describe('which files in an evidence store stop a restore', () => {
  it('lets an empty store through', () => {
    expect(filesBlockingRestore([], manifest)).toEqual([]);
  });

  it('lets through files the backup itself holds, left by an interrupted restore of it', () => {
    expect(filesBlockingRestore(['ab/ab12'], manifest)).toEqual([]);
  });

  it('names every file the backup does not hold', () => {
    expect(filesBlockingRestore(['ab/ab12', 'ef/ef56', 'evidence/cd/cd34'], manifest)).toEqual(['ef/ef56', 'evidence/cd/cd34']);
  });
});
