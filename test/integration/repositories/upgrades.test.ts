import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqlColumn } from '../../../src/db/raw-sql.ts';
import { hasCompletedStep, recordCompletedStep, runUpgradeStep } from '../../../src/modules/upgrades/upgrade-steps.repository.ts';
import { openRepositoryWorld, type RepositoryWorld } from './repository-world.ts';

let world: RepositoryWorld;
beforeEach(async () => (world = await openRepositoryWorld()));
afterEach(async () => await world.dispose());

const step = { name: 'test-step', version: 2 };

describe('upgrade steps', () => {
  it('counts a step as done only at the version recorded, and a new record replaces the old one', async () => {
    expect(await hasCompletedStep(world.db, step)).toBe(false);
    await recordCompletedStep(world.db, { ...step, version: 1 }, world.clock.now());
    expect(await hasCompletedStep(world.db, step)).toBe(false);
    await recordCompletedStep(world.db, step, world.clock.now());
    expect(await hasCompletedStep(world.db, step)).toBe(true);
    expect(await sqlColumn(world.db, sql`select version from upgrade_steps where name = ${step.name}`)).toEqual([2]);
  });

  it('runs a step until it finishes, then skips it', async () => {
    const runs: string[] = [];
    expect(await runUpgradeStep(world, step, async () => (runs.push('short'), false))).toBe('incomplete');
    expect(await runUpgradeStep(world, step, async () => (runs.push('full'), true))).toBe('completed');
    expect(await runUpgradeStep(world, step, async () => (runs.push('again'), true))).toBe('skipped');
    expect(runs).toEqual(['short', 'full']);
  });

  it('undoes a transactional step\'s writes and leaves it unrecorded when it throws', async () => {
    const person = await world.addPerson('Before');
    const failing = runUpgradeStep(world, { ...step, transactional: true }, async () => {
      await world.profiles.setQueryCursor(person, 9);
      throw new Error('stopped midway');
    });
    await expect(failing).rejects.toThrow('stopped midway');
    expect((await world.profiles.getPerson(person))?.queryCursor).not.toBe(9);
    expect(await hasCompletedStep(world.db, step)).toBe(false);
  });

  it('runs a transactional step once when two starts race for it', async () => {
    let runs = 0;
    const start = () => runUpgradeStep(world, { ...step, transactional: true }, async () => (runs++, true));
    expect((await Promise.all([start(), start()])).toSorted()).toEqual(['completed', 'skipped']);
    expect(runs).toBe(1);
  });
});
