/**
 * `Intl.DateTimeFormat` instances kept under the caller's key: building one costs ~0.3 ms (the locale's
 * patterns and the zone's rules are loaded each time), formatting with a kept one a few microseconds, and the
 * same few zones and languages are asked for again and again. The key is the caller's (its zone, or language,
 * zone and kind of date) because deriving one from the options at every call would cost more than it saves;
 * the same key must always come with the same locale and options. The options are a function, called only for a
 * key not kept yet: a kept formatter's options are not spread and copied again at every call.
 *
 * Bounded, since zone names come from settings: emptied when full, as the other kept maps are.
 */
export type KeptDateFormat = (key: string, locale: string | undefined, options: () => Intl.DateTimeFormatOptions) => Intl.DateTimeFormat | null;

export function createKeptDateFormats(limit = 500): KeptDateFormat {
  const kept = new Map<string, Intl.DateTimeFormat | null>();
  return (key, locale, options) => {
    let format = kept.get(key);
    if (format === undefined) {
      format = build(locale, options());
      if (kept.size >= limit) kept.clear();
      // An unknown zone is kept as null too, so a bad name is not tried again at every call.
      kept.set(key, format);
    }
    return format;
  };
}

/** null when `options.timeZone` is no zone Intl knows; any other refusal (a locale, an option) is the caller's mistake and is thrown. */
function build(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat | null {
  try {
    return new Intl.DateTimeFormat(locale, options);
  } catch (error) {
    if (!(error instanceof RangeError) || options.timeZone === undefined) throw error;
    // Throws again when the zone was not what Intl refused.
    new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    return null;
  }
}

/** For callers that refuse an unknown zone: the error `new Intl.DateTimeFormat` throws for one. */
export function unknownTimeZone(timeZone: string): never {
  throw new RangeError(`Invalid time zone specified: ${timeZone}`);
}
