import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/test-app.ts';

describe('two settings saves at the same instant', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.close());

  it('both take effect: the second builds on what the first stored instead of overwriting it', async () => {
    const settings = app.settings;
    const [first, second] = await Promise.all([
      settings.save({ TAKEDOWN_SENDER_NAME: 'Support line' }, null),
      settings.save({ UI_DEFAULT_LANGUAGE: 'fr' }, null),
    ]);
    expect(first).toMatchObject({ ok: true });
    expect(second).toMatchObject({ ok: true });
    expect(settings.shownValue('TAKEDOWN_SENDER_NAME')).toBe('Support line');
    expect(settings.shownValue('UI_DEFAULT_LANGUAGE')).toBe('fr');
    // And so does a fresh read of what is stored.
    expect(await settings.refresh()).toBe(false);
  });
});
