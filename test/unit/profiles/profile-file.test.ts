import { describe, expect, it } from 'vitest';
import {
  parseProfile, parseProfileJson, serialiseProfile, type ProfileParseResult,
} from '../../../src/modules/profiles/profile-file.models.ts';

const demoFile = {
  names: ['Marie-Claire Dubois'],
  aliases: ['Lola Velvet'],
  phones: ['+32 470 12 34 56'],
  emails: ['mc.dubois@example.be'],
  addresses: ['Rue des Tanneurs 14, 1000 Bruxelles'],
  handles: ['lolavelvet'],
  photos: ['src/simweb/assets/photos/demo-1.jpg', 'src/simweb/assets/photos/demo-2.jpg'],
  ownUrls: ['http://127.0.0.1:4010/site/lola-official/'],
};

function issuesOf(result: ProfileParseResult) {
  if (result.ok) throw new Error('expected the profile to be rejected');
  return result.issues;
}

describe('parseProfile accepts', () => {
  it('the demo person and keeps the original strings beside the normalised forms', () => {
    const result = parseProfile(demoFile);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const { profile } = result;
    expect(profile.defaultCountry).toBe('BE');
    expect(profile.names).toEqual([{ original: 'Marie-Claire Dubois', normalised: 'marie claire dubois' }]);
    expect(profile.phones).toEqual([
      { original: '+32 470 12 34 56', normalised: '+32470123456', country: 'BE', national: '0470 12 34 56', international: '+32 470 12 34 56' },
    ]);
    expect(profile.emails).toEqual([{ original: 'mc.dubois@example.be', normalised: 'mc.dubois@example.be' }]);
    expect(profile.addresses[0]?.parsed).toMatchObject({ street: 'Rue des Tanneurs', number: '14', postcode: '1000', city: 'Bruxelles' });
    expect(profile.handles).toEqual([{ original: 'lolavelvet', normalised: 'lolavelvet' }]);
    expect(profile.photos).toEqual(demoFile.photos);
    expect(profile.ownUrls[0]?.normalised).toBe('http://127.0.0.1:4010/site/lola-official/');
  });

  it('a profile with only some fields, defaulting the others to empty lists', () => {
    const result = parseProfile({ aliases: ['Lola Velvet'] });
    expect(result.ok && result.profile.names).toEqual([]);
    expect(result.ok && result.profile.ownUrls).toEqual([]);
  });

  it('a photos-only profile', () => {
    expect(parseProfile({ photos: ['me.jpg'] }).ok).toBe(true);
  });

  it.each([
    ['0470 12 34 56', '+32470123456'],
    ['0470/12.34.56', '+32470123456'],
    ['+32 (0)470 123 456', '+32470123456'],
    ['0032 470 12 34 56', '+32470123456'],
    ['02 512 34 56', '+3225123456'],
    ['+33 6 12 34 56 78', '+33612345678'],
  ])('the phone number %j as %s', (phone, e164) => {
    const result = parseProfile({ phones: [phone] });
    expect(result.ok && result.profile.phones[0]?.normalised).toBe(e164);
  });

  it('national numbers of another country when that country is the default', () => {
    const result = parseProfile({ phones: ['06 12 34 56 78'] }, { defaultCountry: 'FR' });
    expect(result.ok && result.profile.phones[0]?.normalised).toBe('+33612345678');
  });

  it('upper-case email addresses, lower-casing them', () => {
    const result = parseProfile({ emails: ['MC.Dubois@Example.BE'] });
    expect(result.ok && result.profile.emails[0]).toEqual({ original: 'MC.Dubois@Example.BE', normalised: 'mc.dubois@example.be' });
  });

  it('handles written with a leading @, removing it and lower-casing', () => {
    const result = parseProfile({ handles: ['@LolaVelvet', 'lola.velvet_2'] });
    expect(result.ok && result.profile.handles.map((h) => h.normalised)).toEqual(['lolavelvet', 'lola.velvet_2']);
  });

  it('entries with surrounding whitespace, trimming them', () => {
    const result = parseProfile({ names: ['  Marie-Claire Dubois \n'] });
    expect(result.ok && result.profile.names[0]?.original).toBe('Marie-Claire Dubois');
  });
});

describe('parseProfile rejects', () => {
  it('an unknown top-level field', () => {
    expect(issuesOf(parseProfile({ ...demoFile, nickname: ['x'] }))).toEqual([
      { field: 'nickname', code: 'profiles.unknown_field', message: expect.stringContaining('"nickname" is not part of the profile format') },
    ]);
  });

  it('an unknown field whose name could be personal data without repeating that name', () => {
    const [issue] = issuesOf(parseProfile({ 'mc.dubois@example.be': [] }));
    expect(issue?.field).toBe('(root)');
    expect(issue?.message).not.toContain('dubois');
  });

  it.each([null, [], 'profile', 42])('a profile that is not an object (%j)', (input) => {
    expect(issuesOf(parseProfile(input))).toEqual([{ field: '(root)', code: 'profiles.invalid_type', message: 'the profile must be a JSON object' }]);
  });

  it('a field that is not a list, and an entry that is not text', () => {
    expect(issuesOf(parseProfile({ names: 'Marie', phones: ['+32 470 12 34 56', 470123456] }))).toEqual([
      { field: 'names', code: 'profiles.invalid_type', message: 'names must be a list of text entries' },
      { field: 'phones[1]', code: 'profiles.invalid_type', message: 'phones[1] must be text' },
    ]);
  });

  it('an invalid phone number, naming the entry but never repeating it', () => {
    const issues = issuesOf(parseProfile({ ...demoFile, phones: ['+32 470 12 34 56', '+32 470 12 34'] }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ field: 'phones[1]', code: 'profiles.invalid_phone' });
    expect(issues[0]?.message).toMatch(/^phones\[1\] is not a valid phone number/);
    expect(issues[0]?.message).not.toMatch(/470|12 34/);
  });

  it.each(['0470 12 34 56 7', 'call me', '+99 123', '12'])('the phone number %j', (phone) => {
    expect(issuesOf(parseProfile({ phones: [phone] }))[0]?.code).toBe('profiles.invalid_phone');
  });

  it('a Belgian national number when the default country is another one', () => {
    expect(issuesOf(parseProfile({ phones: ['0470 12 34 56'] }, { defaultCountry: 'US' }))[0]?.code).toBe('profiles.invalid_phone');
  });

  it('an unsupported default country', () => {
    expect(issuesOf(parseProfile(demoFile, { defaultCountry: 'XX' }))[0]?.code).toBe('profiles.invalid_country');
  });

  it.each(['mc.dubois', 'mc.dubois@', '@example.be', 'mc dubois@example.be', 'mc.dubois@example', 'a@b@c.be'])('the email address %j', (email) => {
    expect(issuesOf(parseProfile({ emails: [email] }))[0]).toMatchObject({ field: 'emails[0]', code: 'profiles.invalid_email' });
  });

  it.each(['ftp://example.be/lola', 'javascript:alert(1)', 'example.be/lola', 'https://user:pw@example.be/', 'not a url'])('the own URL %j', (url) => {
    expect(issuesOf(parseProfile({ names: ['Marie-Claire Dubois'], ownUrls: [url] }))[0]).toMatchObject({ field: 'ownUrls[0]', code: 'profiles.invalid_url' });
  });

  it.each(['lola velvet', 'https://instagram.com/lolavelvet', 'lola/velvet', '@', 'a', '@@lola'])('the handle %j', (handle) => {
    expect(issuesOf(parseProfile({ handles: [handle] }))[0]).toMatchObject({ field: 'handles[0]', code: 'profiles.invalid_handle' });
  });

  it.each(['M', 'x'.repeat(121), '12345', 'a\u0000b'])('the name %j', (name) => {
    expect(issuesOf(parseProfile({ names: [name] }))[0]).toMatchObject({ field: 'names[0]', code: 'profiles.invalid_name' });
  });

  it('an address that cannot be read as street and house number', () => {
    expect(issuesOf(parseProfile({ addresses: ['somewhere in Brussels'] }))[0]).toMatchObject({ field: 'addresses[0]', code: 'profiles.invalid_address' });
  });

  it('an empty entry', () => {
    expect(issuesOf(parseProfile({ names: ['   '] }))[0]).toEqual({ field: 'names[0]', code: 'profiles.empty_entry', message: 'names[0] is empty' });
  });

  it.each([
    ['names', ['Marie-Claire Dubois', 'marie claire DUBOIS']],
    ['aliases', ['Lola Velvet', 'Lola-Velvet']],
    ['phones', ['+32 470 12 34 56', '0470/12.34.56']],
    ['emails', ['mc.dubois@example.be', 'MC.DUBOIS@example.be']],
    ['handles', ['lolavelvet', '@LolaVelvet']],
    ['addresses', ['Rue des Tanneurs 14, 1000 Bruxelles', 'rue des tanneurs 14 1000 bruxelles']],
    ['ownUrls', ['https://example.be/lola', 'https://EXAMPLE.be/lola#top']],
    ['photos', ['a.jpg', 'a.jpg']],
  ])('%s that repeat an earlier entry after normalisation', (field, values) => {
    expect(issuesOf(parseProfile({ names: ['Someone Else'], [field]: values }))).toEqual([
      { field: `${field}[1]`, code: 'profiles.duplicate_entry', message: `${field}[1] repeats ${field}[0]` },
    ]);
  });

  it('a whole profile when only one entry is wrong, listing every problem', () => {
    const issues = issuesOf(parseProfile({ ...demoFile, emails: ['mc.dubois@example.be', 'broken'], handles: ['lola velvet'] }));
    expect(issues.map((i) => i.field)).toEqual(['emails[1]', 'handles[0]']);
  });

  it('a profile with nothing to look for', () => {
    expect(issuesOf(parseProfile({ ownUrls: ['https://example.be/'] }))[0]?.code).toBe('profiles.empty_profile');
    expect(issuesOf(parseProfile({}))[0]?.code).toBe('profiles.empty_profile');
  });

  it('too many entries in one field', () => {
    const names = Array.from({ length: 101 }, (_, i) => `Person Number${String.fromCharCode(97 + (i % 26))}${i}`);
    expect(issuesOf(parseProfile({ names }))[0]).toMatchObject({ field: 'names', code: 'profiles.too_long' });
  });

  it('never repeats a submitted value in any message', () => {
    const secrets = ['Marie-Claire Dubois', '+32 470 12 34', 'mc.dubois@', 'Rue des Tanneurs', 'lola velvet', 'ftp://secret.example', 'Lola Velvet'];
    const issues = issuesOf(parseProfile({
      names: ['Marie-Claire Dubois', 'Marie-Claire Dubois'],
      aliases: ['Lola Velvet', 'Lola Velvet'],
      phones: ['+32 470 12 34'],
      emails: ['mc.dubois@'],
      addresses: ['Rue des Tanneurs'],
      handles: ['lola velvet'],
      ownUrls: ['ftp://secret.example'],
    }));
    expect(issues).toHaveLength(7);
    for (const issue of issues) for (const secret of secrets) expect(issue.message).not.toContain(secret);
  });
});

describe('parseProfileJson', () => {
  it('reports a syntax error without quoting the file', () => {
    expect(parseProfileJson('{"names": ["Marie-Claire Dubois"')).toEqual({
      ok: false,
      issues: [{ field: '(root)', code: 'profiles.invalid_json', message: 'the profile file is not valid JSON' }],
    });
  });

  it('parses valid JSON text with the given default country', () => {
    const result = parseProfileJson('{"phones": ["06 12 34 56 78"]}', { defaultCountry: 'FR' });
    expect(result.ok && result.profile.defaultCountry).toBe('FR');
  });
});

describe('serialiseProfile', () => {
  it('writes the fields in the documented order with every field present', () => {
    const result = parseProfile({ ownUrls: ['https://example.be/'], aliases: ['Lola Velvet'] });
    if (!result.ok) throw new Error('rejected');
    expect(serialiseProfile(result.profile)).toBe(
      '{\n  "names": [],\n  "aliases": [\n    "Lola Velvet"\n  ],\n  "phones": [],\n  "emails": [],\n  "addresses": [],\n  "handles": [],\n  "photos": [],\n  "ownUrls": [\n    "https://example.be/"\n  ]\n}\n',
    );
  });

  it('round-trips the demo profile, whatever the key order of the input', () => {
    const reversed = Object.fromEntries(Object.entries(demoFile).reverse());
    const a = parseProfile(demoFile);
    const b = parseProfile(reversed);
    if (!a.ok || !b.ok) throw new Error('rejected');
    const text = serialiseProfile(a.profile);
    expect(serialiseProfile(b.profile)).toBe(text);
    expect(JSON.parse(text)).toEqual(demoFile);
    const again = parseProfileJson(text);
    expect(again.ok && again.profile).toEqual(a.profile);
  });
});
