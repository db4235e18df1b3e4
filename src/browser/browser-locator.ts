import fs from 'node:fs';

export type BrowserLocation =
  | { kind: 'remote'; wsEndpoints: readonly string[]; source: 'BROWSER_WS_ENDPOINT' }
  | { kind: 'local'; executablePath: string; source: 'CHROMIUM_PATH' | 'playwright' | 'system' }
  | { kind: 'missing'; instruction: string; tried: string[] };

export const systemChromiumPaths = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export const missingBrowserInstruction =
  'No Chromium found. Install one: `apt-get install chromium` (Debian/Ubuntu), or `npx playwright install chromium`, ' +
  'or set CHROMIUM_PATH to a Chromium/Chrome executable, or BROWSER_WS_ENDPOINT to a remote Playwright browser server.';

/**
 * The one place that decides which browser the service uses, in a fixed order: a remote browser, the
 * configured executable, Playwright's own download, then the system Chromium. A configured path that
 * does not exist is reported as missing rather than silently replaced by another browser.
 */
export function locateBrowser(args: {
  /** BROWSER_WS_ENDPOINT: one remote browser, or several that share the jobs. */
  wsEndpoint: string | readonly string[] | undefined;
  chromiumPath: string | undefined;
  playwrightExecutablePath: () => string | undefined;
  exists?: (p: string) => boolean;
  systemPaths?: string[];
}): BrowserLocation {
  const exists = args.exists ?? ((p: string) => fs.existsSync(p));
  const wsEndpoints = (typeof args.wsEndpoint === 'string' ? [args.wsEndpoint] : (args.wsEndpoint ?? [])).filter(Boolean);
  if (wsEndpoints.length > 0) return { kind: 'remote', wsEndpoints, source: 'BROWSER_WS_ENDPOINT' };
  if (args.chromiumPath) {
    if (exists(args.chromiumPath)) return { kind: 'local', executablePath: args.chromiumPath, source: 'CHROMIUM_PATH' };
    return { kind: 'missing', tried: [args.chromiumPath], instruction: `CHROMIUM_PATH points to a file that does not exist. ${missingBrowserInstruction}` };
  }
  const tried: string[] = [];
  let playwrightPath: string | undefined;
  try {
    playwrightPath = args.playwrightExecutablePath();
  } catch {
    playwrightPath = undefined;
  }
  if (playwrightPath) {
    tried.push(playwrightPath);
    if (exists(playwrightPath)) return { kind: 'local', executablePath: playwrightPath, source: 'playwright' };
  }
  for (const p of args.systemPaths ?? systemChromiumPaths) {
    tried.push(p);
    if (exists(p)) return { kind: 'local', executablePath: p, source: 'system' };
  }
  return { kind: 'missing', tried, instruction: missingBrowserInstruction };
}

/**
 * Playwright's own `--disable-features` list (playwright-core 1.65, chromiumSwitches). Chromium keeps only
 * the last `--disable-features` switch it is given, so the one below must repeat these or they would be
 * switched back on; test/unit/browser/chromium-features.test.ts compares it with the installed Playwright.
 */
export const playwrightDisabledFeatures = [
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades', 'HttpsFirstBalancedModeAutoEnable', 'LensOverlay',
  'MediaRouter', 'PaintHolding', 'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect', 'TcpPortRandomizationWin',
  'OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch', 'msForceBrowserSignIn', 'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Chromium 156 starts the address bar's popup as two WebUI renderers in every browser context (125-160 MB
 * resident each, more than a simple page), for an address bar a headless browser never shows. The pages'
 * own processes, site isolation and the sandbox are untouched.
 */
export const memoryDisabledFeatures = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/**
 * Flags that keep Chromium from talking to Google's services on its own (this machine may have no
 * network, and a privacy tool should not phone home), and WebRTC limited to the proxied path: its UDP
 * would otherwise reach the network around the egress gateway and reveal the person's own address.
 * `--no-sandbox` is added only when the sandbox was switched off on purpose (BROWSER_SANDBOX=off, or a
 * harness that renders our own dashboard); the scanner's browser keeps it (see sandbox.models.ts).
 */
export function chromiumLaunchArgs(withoutSandbox: boolean): string[] {
  return [
    ...(withoutSandbox ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-quic',
    '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
    '--webrtc-ip-handling-policy=disable_non_proxied_udp',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-domain-reliability',
    '--metrics-recording-only',
    '--no-default-browser-check',
    '--disable-dev-shm-usage',
    `--disable-features=${[...playwrightDisabledFeatures, ...memoryDisabledFeatures].join(',')}`,
  ];
}
