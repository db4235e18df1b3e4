import { AppError } from '../../shared/errors.ts';
import type { SenderIdentity } from '../../modules/takedowns/cases.models.ts';
import { detectPageLanguage, isDraftLanguage } from '../../modules/takedowns/language.models.ts';
import { exitCodes, type CliCommand } from '../cli.types.ts';
import { stringList, withCliApp } from '../cli-app.ts';

const USAGE = 'draft <url> --profile <profile.json> [--allow-host HOST]... [--language en|nl|fr|de] [--owns-copyright] [--json]';

/**
 * Drafts a takedown for a page the person found themselves, with the chain a scan uses: the page in
 * Chromium, matching and classification, page language, recipient lookup behind the URL guard, legal
 * bases, and the templates. Nothing is stored.
 */
export const draftCommand: CliCommand = {
  name: 'draft',
  usage: USAGE,
  summary: 'Draft a takedown notice for one page: recipient, legal basis, language, subject and text.',
  options: {
    profile: { type: 'string' },
    'allow-host': { type: 'string', multiple: true },
    language: { type: 'string' },
    'owns-copyright': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ positionals, values }, io) {
    const url = positionals[0];
    const language = values.language;
    if (!url || positionals.length > 1 || typeof values.profile !== 'string' || (language !== undefined && !isDraftLanguage(String(language)))) {
      io.stderr.write(`Usage: exposure-scanner ${USAGE}\n`);
      return exitCodes.usage;
    }
    const [{ readProfileFile }, { takedownsSettingsOrThrow }, { contractRecipient, prepareTakedown }, { senderIdentity }, { createResolverDeps }, { inspectPage }] = await Promise.all([
      import('../../modules/profiles/profile-file.io.ts'), import('../../config/takedowns.settings.ts'), import('../../modules/takedowns/cases.drafting.ts'),
      import('../../modules/takedowns/cases.models.ts'), import('../../modules/takedowns/takedown-deps.ts'), import('../inspect-page.ts'),
    ]);
    const settings = takedownsSettingsOrThrow(io.env);
    const { profile, photoPaths } = readProfileFile(values.profile);
    // The pseudonym signs unless a sender name is configured; the legal name only on request (settings).
    // Nothing needs configuring first: a missing name or reply address is written as a placeholder.
    const identity = senderIdentity(settings.sender, { label: profile.aliases[0]?.original ?? profile.handles[0]?.original ?? null });
    const sender: SenderIdentity = identity.ok ? identity.sender : { name: '', email: settings.sender.email, onBehalfOf: settings.sender.onBehalfOf, useLegalName: settings.sender.useLegalName };
    const allowHosts = stringList(values['allow-host']);
    return withCliApp(io, { allowHosts }, async (app) => {
      const { visit, analysis } = await inspectPage(app, url, profile, photoPaths);
      const photoMatches = analysis.photoMatches;
      const detected = detectPageLanguage({ html: visit.html, contentLanguage: visit.headers['content-language'] ?? null, text: visit.text });
      const prepared = await prepareTakedown(
        {
          url: visit.finalUrl,
          html: visit.html,
          pageLanguage: visit.lang || detected.code,
          languageOverride: isDraftLanguage(String(language)) ? (language as 'en' | 'nl' | 'fr' | 'de') : null,
          categories: analysis.classification.categories,
          matches: [...analysis.textMatches, ...photoMatches],
          ownsCopyright: values['owns-copyright'] === true,
          sender,
          person: {
            displayName: sender.name,
            ...(profile.names[0] ? { legalName: profile.names[0].original } : {}),
            country: profile.defaultCountry,
            ownEmails: profile.emails.map((e) => e.normalised),
          },
          now: app.clock.now(),
        },
        createResolverDeps({ allowHosts: app.config.net.allowPrivateHosts, egress: app.egress, settings }),
      );
      if (!prepared.draft) throw new AppError({ code: prepared.problem ?? 'takedowns.no_draft', message: 'The notice could not be drafted.', statusCode: 400 });
      // Copyright notices may be published with the sender's name (Lumen): the warning goes to stderr even with --json.
      if (prepared.dmca) io.stderr.write(`warning: ${prepared.dmca.warning}\n`);
      if (!prepared.recipient) io.stderr.write('warning: no recipient was found for this page; look for the site\'s contact or report it to its host.\n');
      const output = {
        recipient: contractRecipient(prepared.recipient),
        basis: prepared.choice.bases,
        language: prepared.language,
        subject: prepared.draft.subject,
        body: prepared.draft.body,
        // Only when something is still to be filled in, so a configured sender gets the contract unchanged.
        ...(prepared.draft.placeholders.length > 0 ? { placeholders: prepared.draft.placeholders } : {}),
      };
      if (values.json) {
        io.stdout.write(`${JSON.stringify(output)}\n`);
      } else {
        const to = output.recipient ? (output.recipient.kind === 'email' ? output.recipient.address : `form ${output.recipient.formUrl}`) : '(no recipient found)';
        if (prepared.draft.placeholders.length > 0) io.stderr.write('note: the text holds placeholders in [brackets] (your name or reply address); replace them before sending, or set TAKEDOWN_SENDER_EMAIL.\n');
        io.stdout.write(`To: ${to} (confidence ${output.recipient?.confidence ?? 'none'})\nBasis: ${output.basis.join(', ')}\nLanguage: ${output.language}\nSubject: ${output.subject}\n\n${output.body}\n`);
        if (prepared.dmca) io.stdout.write(`\n--- Separate copyright (DMCA) notice ---\nSubject: ${prepared.dmca.subject}\n\n${prepared.dmca.body}\n`);
      }
      return exitCodes.ok;
    });
  },
};
