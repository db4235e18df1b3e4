// The contract between the engine adapters (pure: build a request, parse a response) and the runtime that
// sends requests over HTTP or through the browser. Fields marked optional are extensions the runtime may
// ignore.

export type SearchOutcome = 'ok' | 'blocked' | 'captcha' | 'rate_limited' | 'error';

export interface SearchResult {
  url: string;
  title: string;
  snippet: string;
}

export type EngineId =
  | 'searxng'
  | 'duckduckgo'
  | 'bing'
  | 'brave'
  | 'mojeek'
  | 'google'
  | 'startpage'
  | 'yandex'
  | 'tineye'
  | 'bing-visual'
  | 'yandex-images'
  | 'google-lens';

export interface MultipartFile {
  field: string;
  filename: string;
  mime: string;
  bytes: Uint8Array;
}

export interface EngineRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  /** application/x-www-form-urlencoded body. */
  form?: Record<string, string>;
  /** multipart/form-data body (image uploads); the runtime builds the boundary. Never set together with `form`. */
  multipart?: { fields: Record<string, string>; files: MultipartFile[] };
  /** Which form of the result page was asked for; the runtime copies it onto the response for the parser. */
  variant?: ResponseVariant;
}

/**
 * `rendered`: the desktop page after scripts ran (browser path). `basic`: a page meant for clients without
 * JavaScript (Google's `gbv=1`), the only form a plain HTTP client can read. `mobile`: a phone layout.
 */
export type ResponseVariant = 'rendered' | 'basic' | 'mobile';

export interface RawResponse {
  status: number;
  finalUrl: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
  /** Every URL visited before `finalUrl`, oldest first. */
  redirectChain?: string[];
  /** The form of page that was requested (see `EngineRequest.variant`); absent means the engine's usual page. */
  variant?: ResponseVariant;
}

export type BlockSignal =
  | 'http_429'
  | 'http_403'
  | 'cloudflare_challenge'
  | 'cloudflare_firewall'
  | 'recaptcha'
  | 'google_sorry'
  | 'ddg_challenge_form'
  | 'startpage_captcha'
  | 'yandex_captcha'
  | 'bing_captcha'
  | 'searxng_format_disabled'
  | 'searxng_limiter'
  | 'http_error'
  | 'unparseable';

export interface ParsedSearch {
  outcome: SearchOutcome;
  results: SearchResult[];
  signal?: BlockSignal;
  /** Free text for the operator (engine names, reasons). Never contains the query or page text. */
  detail?: string;
  /**
   * Engine state needed for the next page (DuckDuckGo's next-page form with its `vqd`, Google Lens's
   * exact-matches link). Pass it back as `options.cursor` to `buildRequest`.
   */
  cursor?: Record<string, string>;
  /** Whether the page links to a next one, when the parser or the runtime could tell. */
  hasNextPage?: boolean;
}

export interface BuildOptions {
  endpoint: string;
  page?: number;
  /** BCP 47 tag such as `fr-BE`, or `all`. */
  language?: string;
  /** ISO 3166-1 alpha-2 country (`BE`) the results should favour; overrides the country part of `language`. */
  country?: string;
  /** How the runtime will send the request, for engines that ask for a different page per path (Google). */
  transport?: 'http' | 'browser';
  /** From a previous `ParsedSearch.cursor` of the same engine. */
  cursor?: Record<string, string>;
  /** Official API key where the engine has one (TinEye API). */
  apiKey?: string;
}

/** A photo for reverse-image search: its public URL (preferred, nothing is uploaded) or its bytes. */
export interface ImageQuery {
  url?: string;
  bytes?: Uint8Array;
  mime?: string;
}

export interface EngineDefinition {
  id: EngineId;
  label: string;
  kind: 'web' | 'reverse_image';
  /** google and the reverse-image UIs need a real browser; the others are plain HTTP. */
  transport: 'http' | 'browser';
  /** A browser engine that can still be asked over plain HTTP (for a reduced page) when no browser is available. */
  httpFallback?: boolean;
  /** The address that receives the query. */
  defaultEndpoint: string;
  /** For reverse-image engines `query` is the image URL. */
  buildRequest(query: string, options: BuildOptions): EngineRequest;
  /** Reverse-image engines only: URL mode when `image.url` is set, otherwise an upload of `image.bytes`. */
  buildImageRequest?(image: ImageQuery, options: BuildOptions): EngineRequest;
  parse(response: RawResponse): ParsedSearch;
  /** Most result pages worth asking for one query (deep paging is treated as a bot by some engines). */
  maxPages?: number;
  /**
   * A request made before searching whose answer the searches need (Startpage's `sc` form token). The runtime
   * sends it through the same paced path, keeps the cursor for `ttlMs` and passes it as `options.cursor`.
   */
  session?: EngineSession;
}

export interface EngineSession {
  ttlMs: number;
  buildRequest(options: BuildOptions): EngineRequest;
  /** The state to search with, or the refusal (CAPTCHA, block, missing token) that ends the search honestly. */
  read(response: RawResponse): { cursor: Record<string, string> } | { refused: ParsedSearch };
}
