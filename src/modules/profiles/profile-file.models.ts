/**
 * The portable profile.json format. A profile is all or nothing: one unreadable entry rejects the whole file,
 * because a half-imported profile would silently stop watching for the entry that was dropped.
 * Issue messages name the field and the problem but never repeat the value: it is personal data, and
 * validation errors end up in logs.
 */
import { isSupportedCountry, parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js/max';
import { z } from 'zod';
import { parseAddress, type ParsedAddress } from '../matching/text-match.models.ts';
import { foldText, tokenWords } from '../matching/text-normalise.models.ts';

export const PROFILE_FIELDS = ['names', 'aliases', 'phones', 'emails', 'addresses', 'handles', 'photos', 'ownUrls'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export type ProfileFile = Record<ProfileField, string[]>;

export interface NormalisedEntry {
  /** As the person wrote it (trimmed). */
  original: string;
  /** The form used for comparison and duplicate detection. */
  normalised: string;
}

export interface NormalisedPhone extends NormalisedEntry {
  /** normalised is E.164 ("+32470123456"). */
  country: CountryCode | undefined;
  /** "0470 12 34 56" */
  national: string;
  /** "+32 470 12 34 56" */
  international: string;
}

export interface NormalisedAddress extends NormalisedEntry {
  parsed: ParsedAddress;
}

export interface NormalisedProfile {
  defaultCountry: CountryCode;
  names: NormalisedEntry[];
  aliases: NormalisedEntry[];
  phones: NormalisedPhone[];
  emails: NormalisedEntry[];
  addresses: NormalisedAddress[];
  handles: NormalisedEntry[];
  photos: string[];
  ownUrls: NormalisedEntry[];
}

export interface ProfileIssue {
  /** "phones[1]", "ownUrls", or "(root)". */
  field: string;
  code: string;
  message: string;
}

export type ProfileParseResult = { ok: true; profile: NormalisedProfile } | { ok: false; issues: ProfileIssue[] };

export interface ProfileParseOptions {
  /** Country assumed for phone numbers written in national form ("0470 12 34 56"). */
  defaultCountry?: string;
}

const MAX_ENTRIES_PER_FIELD = 100;
const MAX_TEXT_LENGTH = 2048;

const entryList = () => z.array(z.string().max(MAX_TEXT_LENGTH)).max(MAX_ENTRIES_PER_FIELD).default([]);
const profileSchema = z.strictObject({
  names: entryList(),
  aliases: entryList(),
  phones: entryList(),
  emails: entryList(),
  addresses: entryList(),
  handles: entryList(),
  photos: entryList(),
  ownUrls: entryList(),
});

const CONTROL_CHARS = /[\u0000-\u001F\u007F]/;
const SAFE_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;

type Check<T> = { ok: true; value: T } | { ok: false; code: string; problem: string };
const fail = (code: string, problem: string) => ({ ok: false, code, problem }) as const;

function checkPersonName(raw: string, what: 'name' | 'alias'): Check<NormalisedEntry> {
  const words = tokenWords(raw);
  if (raw.length < 2 || raw.length > 120 || CONTROL_CHARS.test(raw) || words.length === 0 || words.length > 12) {
    return fail(`profiles.invalid_${what}`, `is not a usable ${what} (2 to 120 characters, at most 12 words, letters required)`);
  }
  if (what === 'name' && !/\p{L}/u.test(raw)) return fail('profiles.invalid_name', 'must contain letters');
  return { ok: true, value: { original: raw, normalised: words.join(' ') } };
}

function checkPhone(raw: string, country: CountryCode): Check<NormalisedPhone> {
  try {
    const phone = parsePhoneNumberWithError(raw, { defaultCountry: country });
    if (!phone.isValid()) throw new Error('invalid');
    return {
      ok: true,
      value: {
        original: raw,
        normalised: phone.number,
        country: phone.country,
        national: phone.formatNational(),
        international: phone.formatInternational(),
      },
    };
  } catch {
    return fail('profiles.invalid_phone', `is not a valid phone number; write it in international form (+country code) or set the default country (now ${country})`);
  }
}

const emailSchema = z.email();

function checkEmail(raw: string): Check<NormalisedEntry> {
  if (raw.length > 254 || !emailSchema.safeParse(raw).success) return fail('profiles.invalid_email', 'is not a valid email address');
  return { ok: true, value: { original: raw, normalised: raw.toLowerCase() } };
}

function checkAddress(raw: string): Check<NormalisedAddress> {
  const parsed = raw.length <= 200 && !CONTROL_CHARS.test(raw) ? parseAddress(raw) : undefined;
  if (!parsed) {
    return fail('profiles.invalid_address', 'could not be read as street, house number, postcode and town; write it like "Example Street 1, 1000 Town"');
  }
  return { ok: true, value: { original: raw, normalised: tokenWords(raw).join(' '), parsed } };
}

function checkHandle(raw: string): Check<NormalisedEntry> {
  const handle = raw.replace(/^@/, '');
  if (!/^[\p{L}\p{N}_.-]{2,64}$/u.test(handle)) {
    return fail('profiles.invalid_handle', 'must be a user name of 2 to 64 letters, digits, dots, dashes or underscores, without spaces or slashes (put links in ownUrls)');
  }
  return { ok: true, value: { original: raw, normalised: foldText(handle) } };
}

function checkUrl(raw: string): Check<NormalisedEntry> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail('profiles.invalid_url', 'is not a valid web address');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail('profiles.invalid_url', 'must be an http or https address');
  if (url.username || url.password) return fail('profiles.invalid_url', 'must not contain a user name or password');
  url.hash = '';
  return { ok: true, value: { original: raw, normalised: url.href } };
}

function checkPhotoPath(raw: string): Check<NormalisedEntry> {
  if (raw.length > 1024 || CONTROL_CHARS.test(raw) || raw.trim().length === 0) return fail('profiles.invalid_photo_path', 'is not a usable file path');
  return { ok: true, value: { original: raw, normalised: raw } };
}

function zodIssues(error: z.ZodError): ProfileIssue[] {
  return error.issues.flatMap((issue): ProfileIssue[] => {
    const [field, index] = issue.path;
    const where = typeof field === 'string' ? (typeof index === 'number' ? `${field}[${index}]` : field) : '(root)';
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: SAFE_KEY.test(key) ? key : '(root)',
        code: 'profiles.unknown_field',
        message: `${SAFE_KEY.test(key) ? `"${key}"` : 'a field'} is not part of the profile format (allowed: ${PROFILE_FIELDS.join(', ')})`,
      }));
    }
    if (issue.code === 'too_big') {
      return [{ field: where, code: 'profiles.too_long', message: typeof index === 'number' ? `${where} is too long` : `${where} has more than ${MAX_ENTRIES_PER_FIELD} entries` }];
    }
    if (where === '(root)') return [{ field: where, code: 'profiles.invalid_type', message: 'the profile must be a JSON object' }];
    return [{ field: where, code: 'profiles.invalid_type', message: typeof index === 'number' ? `${where} must be text` : `${where} must be a list of text entries` }];
  });
}

/** Validates a parsed profile.json value. Nothing is half-accepted: any issue rejects the whole profile. */
export function parseProfile(input: unknown, options: ProfileParseOptions = {}): ProfileParseResult {
  const countryOption = options.defaultCountry ?? 'BE';
  if (!isSupportedCountry(countryOption)) {
    return { ok: false, issues: [{ field: '(options)', code: 'profiles.invalid_country', message: 'the default country is not a supported two-letter country code' }] };
  }
  const country: CountryCode = countryOption;
  const shape = profileSchema.safeParse(input);
  if (!shape.success) return { ok: false, issues: zodIssues(shape.error) };

  const data = shape.data;
  const issues: ProfileIssue[] = [];
  function each<T extends NormalisedEntry>(field: ProfileField, check: (raw: string) => Check<T>): T[] {
    const accepted: T[] = [];
    const seen = new Map<string, number>();
    data[field].forEach((value, index) => {
      const where = `${field}[${index}]`;
      const trimmed = value.trim();
      if (trimmed.length === 0) {
        issues.push({ field: where, code: 'profiles.empty_entry', message: `${where} is empty` });
        return;
      }
      const result = check(trimmed);
      if (!result.ok) {
        issues.push({ field: where, code: result.code, message: `${where} ${result.problem}` });
        return;
      }
      const earlier = seen.get(result.value.normalised);
      if (earlier !== undefined) {
        issues.push({ field: where, code: 'profiles.duplicate_entry', message: `${where} repeats ${field}[${earlier}]` });
        return;
      }
      seen.set(result.value.normalised, index);
      accepted.push(result.value);
    });
    return accepted;
  }

  const profile: NormalisedProfile = {
    defaultCountry: country,
    names: each('names', (raw) => checkPersonName(raw, 'name')),
    aliases: each('aliases', (raw) => checkPersonName(raw, 'alias')),
    phones: each('phones', (raw) => checkPhone(raw, country)),
    emails: each('emails', checkEmail),
    addresses: each('addresses', checkAddress),
    handles: each('handles', checkHandle),
    photos: each('photos', checkPhotoPath).map((p) => p.original),
    ownUrls: each('ownUrls', checkUrl),
  };
  const searchable = PROFILE_FIELDS.filter((f) => f !== 'ownUrls').some((f) => profile[f].length > 0);
  if (issues.length === 0 && !searchable) {
    issues.push({ field: '(root)', code: 'profiles.empty_profile', message: 'the profile has nothing to look for: add at least one name, alias, phone, email, address, handle or photo' });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, profile };
}

/** Parses the text of a profile.json file; a syntax error is reported without quoting the file. */
export function parseProfileJson(text: string, options: ProfileParseOptions = {}): ProfileParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, issues: [{ field: '(root)', code: 'profiles.invalid_json', message: 'the profile file is not valid JSON' }] };
  }
  return parseProfile(value, options);
}

export function toProfileFile(profile: NormalisedProfile): ProfileFile {
  const originals = (entries: NormalisedEntry[]) => entries.map((e) => e.original);
  return {
    names: originals(profile.names),
    aliases: originals(profile.aliases),
    phones: originals(profile.phones),
    emails: originals(profile.emails),
    addresses: originals(profile.addresses),
    handles: originals(profile.handles),
    photos: [...profile.photos],
    ownUrls: originals(profile.ownUrls),
  };
}

/** profile.json text for export: fixed key order and formatting, so exports of one profile are byte-identical. */
export function serialiseProfile(profile: NormalisedProfile): string {
  const file = toProfileFile(profile);
  const ordered = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, file[f]]));
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
