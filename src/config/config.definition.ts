/**
 * Every setting the service reads, in one table: name, default, what it expects and why it exists.
 * The README's configuration table and `.env.example` are checked against this list by a test,
 * so documentation cannot drift from the code.
 */
export interface SettingDefinition {
  env: string;
  default: string | undefined;
  expects: string;
  description: string;
  secret?: boolean;
}

export const settingDefinitions = [
  { env: 'PORT', default: '8080', expects: 'a TCP port 0-65535', description: 'Port of the dashboard and JSON API.' },
  { env: 'HOST', default: '127.0.0.1', expects: 'an IP address or host name to listen on', description: 'Listen address. Keep 127.0.0.1 unless a reverse proxy with TLS is in front.' },
  { env: 'DATA_DIR', default: './data', expects: 'a writable directory path', description: 'Holds the SQLite database, evidence files and the evidence key.' },
  { env: 'DATABASE_URL', default: undefined, expects: 'a postgres:// or postgresql:// URL', description: 'Keep the data in PostgreSQL instead of the SQLite file in DATA_DIR: for an organisation running several workers on several machines. Migrations are applied at start. `exposure-scanner migrate-to-postgres` moves an existing SQLite installation over. The URL holds the password and is never shown or logged.', secret: true },
  { env: 'PROCESS_MODE', default: 'all', expects: 'one of all, web, worker', description: '`web` serves the dashboard and API only; `worker` runs the scheduler and jobs; `all` does both (one machine).' },
  { env: 'LOG_LEVEL', default: 'info', expects: 'one of fatal, error, warn, info, debug, trace, silent', description: 'Log verbosity. Personal data is redacted at every level.' },
  { env: 'PUBLIC_URL', default: undefined, expects: 'an http(s) URL', description: 'Address of the dashboard as people reach it; used for links in alert emails. Defaults to http://HOST:PORT.' },
  { env: 'CHROMIUM_PATH', default: undefined, expects: 'path to a Chromium or Chrome executable', description: 'Browser to launch. When unset: Playwright\'s installed browser, then /usr/bin/chromium.' },
  { env: 'BROWSER_WS_ENDPOINT', default: undefined, expects: 'comma-separated ws:// or wss:// URLs of Playwright browser servers', description: 'Use remote browsers (Playwright `launchServer`) instead of launching one here. Several share the jobs in turn; one that cannot be reached is skipped and tried again after a growing pause, and /healthz shows each by its position only. The URLs may hold credentials and are never shown or logged.', secret: true },
  { env: 'BROWSER_PAGES_PER_BROWSER', default: '50', expects: 'a whole number from 1 to 10000', description: 'The browser is restarted after this many pages, to bound memory and state.' },
  { env: 'BROWSER_NAVIGATION_TIMEOUT_MS', default: '30000', expects: 'milliseconds from 1000 to 300000', description: 'Upper bound for loading one page.' },
  { env: 'WORKER_CONCURRENCY', default: '2', expects: 'a whole number from 1 to 64', description: 'Jobs run at once by one worker (all kinds together).' },
  { env: 'JOB_LEASE_MS', default: '60000', expects: 'milliseconds from 5000 to 3600000', description: 'How long a claimed job stays reserved without a heartbeat before another worker may take it.' },
  { env: 'SHUTDOWN_GRACE_MS', default: '15000', expects: 'milliseconds from 0 to 600000', description: 'On SIGTERM, how long running jobs may finish before they are released for another run.' },
  { env: 'SCHEDULER_TICK', default: '*/1 * * * *', expects: 'a cron expression', description: 'How often the scheduler looks for people whose scan is due (it only enqueues).' },
  { env: 'DEFAULT_SCAN_SCHEDULE', default: '0 3 * * *', expects: 'a cron expression', description: 'Scan schedule for a new person (daily at 03:00 plus jitter).' },
  { env: 'SCAN_JITTER_MINUTES', default: '45', expects: 'a whole number from 0 to 720', description: 'Random delay added to each scheduled scan, so scans do not all start on the minute.' },
  { env: 'SCAN_QUERY_CAP', default: '24', expects: 'a whole number from 1 to 500', description: 'Most queries one scan sends; the rest rotate into later scans.' },
  { env: 'SCAN_ENGINES', default: 'duckduckgo,bing,brave,mojeek,startpage', expects: 'comma-separated engine ids, each optionally id=URL', description: 'Engines a scan uses and, with =URL, their endpoints.' },
  { env: 'ENGINE_MIN_INTERVAL_MS', default: '4000', expects: 'milliseconds from 0 to 600000', description: 'Least time between two queries to the same engine (a random extra of up to half is added), to stay polite and unblocked.' },
  { env: 'SEARCH_RESULT_PAGES', default: '2', expects: 'a whole number from 1 to 10', description: 'Result pages read per query and engine. Each page is its own request, paced like a query; paging stops early at the last page, and an engine\'s own limit (Bing 3, Brave 10) is never passed.' },
  { env: 'SEARXNG_URL', default: undefined, expects: 'comma-separated http(s) URLs of SearXNG instances with the JSON format enabled', description: 'When set, SearXNG is added to the scan engines (first, as the sturdiest backend). Several instances become the engines searxng, searxng#2, ...: each gets every query and is shown, blocked and resumed on its own.' },
  { env: 'ENGINE_ENDPOINTS', default: '', expects: 'comma-separated engine id=URL pairs', description: 'Where an engine sends its queries when it runs without being listed in SCAN_ENGINES: a reverse-image engine a photo has consent for, or an engine chosen for one scan.' },
  { env: 'ENGINE_BACKOFF_MAX_HOURS', default: '24', expects: 'a whole number of hours from 1 to 720', description: 'Longest pause after an engine refuses searches (CAPTCHA, block, rate limit). Pauses start at minutes and double while the engine keeps refusing; one successful search ends them, and an administrator can lift one at once.' },
  { env: 'DEMO_WEB', default: 'auto', expects: 'one of auto, on, off', description: 'The built-in simulated web with a fictional demo person. `auto` starts it only when the real search engines cannot be reached (no internet); real people are never scanned against it.' },
  { env: 'DEMO_WEB_PORT', default: '8090', expects: 'a TCP port 0-65535 (0 picks a free one)', description: 'Port of the simulated web on 127.0.0.1 when it runs.' },
  { env: 'ALLOW_PRIVATE_HOSTS', default: '', expects: 'comma-separated host names or IP addresses', description: 'Private or loopback hosts that may be fetched anyway (the local simulated web). Everything else private is refused.' },
  { env: 'MAX_PAGE_BYTES', default: '10485760', expects: 'bytes from 10000 to 1073741824', description: 'Largest page or image the scanner downloads.' },
  { env: 'PHOTO_MATCH_THRESHOLD', default: '31', expects: 'a whole number from 0 to 128', description: 'PDQ distance (of 256 bits) at or below which an image counts as the person\'s photo.' },
  { env: 'PHOTO_CROP_REGIONS', default: 'fine', expects: 'one of fine, standard, off', description: 'Extra hashes of sub-regions of each of the person\'s photos, so that crops of up to 20 % per side are found: `fine` (6 560 regions, ~1.5 s per photo, finds almost every crop), `standard` (880, ~0.4 s), `off`.' },
  { env: 'PHOTO_SCREENSHOT_SEARCH', default: 'on', expects: 'one of on, off', description: 'Search the screenshot of every visited page for the person\'s photos too (photos on a canvas, in CSS backgrounds, inside embedded posts), when the person has photos. Costs about 0.5-0.9 s for a tall page; `off` searches page images only, and each page\'s evidence says the screenshot was not searched.' },
  { env: 'PHOTO_SCREENSHOT_MAX_HEIGHT', default: '8000', expects: 'pixels from 500 to 30000', description: 'Longest part of a page, from the top, whose screenshot is searched for photos; the evidence of a taller page says where the search stopped.' },
  { env: 'IMPERSONATION_WATCH', default: 'on', expects: 'one of on, off', description: 'Look up the person\'s handles and aliases on the list of social, dating, adult and forum sites during each scan, to find profiles that pretend to be them. `off` sends no lookups.' },
  { env: 'HASH_WORKERS', default: '0', expects: 'a whole number from 0 to 64 (0: one per core)', description: 'Worker threads that hash images found on pages and the person\'s photos.' },
  { env: 'HEALTH_ALERT_AFTER_HOURS', default: '48', expects: 'a whole number from 1 to 720', description: 'Tell the person when no scan has succeeded for this long.' },
] as const satisfies readonly SettingDefinition[];

export type SettingName = (typeof settingDefinitions)[number]['env'];
