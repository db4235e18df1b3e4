/**
 * A process that holds one Chromium page, for the signal test: `owner` launches it as the service does (the
 * process shuts down itself), `playwright` with Playwright's own signal handlers. On SIGTERM it waits a moment,
 * says whether its page still answers, then closes the browser and exits.
 */
import { chromium } from 'playwright';
import { startBrowser } from '../../src/browser/browser-start.ts';
import { createSandboxPlan } from '../../src/browser/sandbox.ts';
import { locateBrowser } from '../../src/browser/browser-locator.ts';

const owner = process.argv[2] === 'owner';
const location = locateBrowser({ wsEndpoint: undefined, chromiumPath: process.env.CHROMIUM_PATH, playwrightExecutablePath: () => chromium.executablePath() });
const browser = await startBrowser({ location, endpointIndex: 0, timeoutMs: 30_000, sandbox: createSandboxPlan({ location }), ownerHandlesSignals: owner });
const page = await browser.newPage();
await page.setContent('<p>still here</p>');
process.once('SIGTERM', () => {
  // Long enough for Playwright's handler, when it is on, to have closed the browser.
  setTimeout(() => {
    void page.evaluate(() => document.body.textContent).then((text) => text === 'still here', () => false).then(async (alive) => {
      process.stdout.write(alive ? 'page alive\n' : 'page closed\n');
      await browser.close().catch(() => undefined);
      process.exit(0);
    });
  }, 1000);
});
process.stdout.write(`ready ${browser.version()}\n`);
