import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/config.ts';
import { isSecretSetting } from '../../../src/modules/settings/settings-catalogue.models.ts';

const problemsOf = (env: Record<string, string>): ConfigError => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a configuration error');
};

describe('BROWSER_WS_ENDPOINT', () => {
  it('takes several comma-separated ws:// and wss:// endpoints, in order', () => {
    const config = loadConfig({ BROWSER_WS_ENDPOINT: ' ws://10.0.0.2:3000/a , wss://user:pw@browsers.example/b,' });
    expect(config.browser.wsEndpoints).toEqual(['ws://10.0.0.2:3000/a', 'wss://user:pw@browsers.example/b']);
  });

  it('means no remote browser when unset', () => {
    expect(loadConfig({}).browser.wsEndpoints).toEqual([]);
  });

  it('refuses a list with any endpoint that is not ws:// or wss://, saying what it expects without echoing the value', () => {
    const error = problemsOf({ BROWSER_WS_ENDPOINT: 'ws://10.0.0.2:3000/a,http://user:hunter2@10.0.0.3:3000/b' });
    expect(error.problems).toEqual([{ variable: 'BROWSER_WS_ENDPOINT', problem: 'expected comma-separated ws:// or wss:// URLs of Playwright browser servers' }]);
    expect(error.message).not.toContain('hunter2');
  });

  it('is a secret, since an endpoint may carry credentials', () => {
    expect(isSecretSetting('BROWSER_WS_ENDPOINT')).toBe(true);
  });
});
