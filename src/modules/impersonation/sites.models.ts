import { z } from 'zod';
import { createErrorFactory } from '../../shared/errors.ts';

/**
 * The shape of the list of sites where a person's handle is looked up. The idea of describing each site by
 * a profile URL template plus an "exists" and an "absent" signal (status code and/or text) follows the public
 * WhatsMyName project (its `e_code`/`e_string`/`m_code`/`m_string` fields); no entry of its data (CC BY-SA 4.0)
 * is copied here: our entries are our own and name each platform's impersonation report channel from the
 * project's reference notes.
 */

export const SITE_CATEGORIES = ['social', 'dating', 'adult', 'forum'] as const;
export type SiteCategory = (typeof SITE_CATEGORIES)[number];

/** A signal holds when the status is one of `status` (if given) and every text of `text` is in the body. */
const signalSchema = z
  .object({
    status: z.array(z.number().int().min(100).max(599)).min(1).optional(),
    /** Plain text that must appear; `{handle}` stands for the handle asked about. */
    text: z.array(z.string().min(3)).min(1).optional(),
  })
  .refine((s) => s.status !== undefined || s.text !== undefined, { message: 'a signal needs a status or a text' });

const reportSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('form'), label: z.string().min(1), formUrl: z.string().url(), verify: z.boolean().optional() }),
  z.object({ kind: z.literal('email'), label: z.string().min(1), address: z.string().email(), verify: z.boolean().optional() }),
]);

const siteSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9_]+$/),
    name: z.string().min(1),
    category: z.enum(SITE_CATEGORIES),
    /** The platform catalogue entry (takedowns/data/platforms.json) whose channel `report` repeats. */
    platform: z.string().regex(/^[a-z0-9_]+$/).optional(),
    profileUrl: z.string().url().refine((u) => u.split('{handle}').length === 2, 'must contain {handle} once'),
    handle: z.object({
      /** Handles the site accepts; other forms are never asked for. */
      pattern: z.string().min(1),
      /** Whether `JaneDoe` and `janedoe` are two accounts on this site. */
      caseSensitive: z.boolean(),
    }),
    present: signalSchema,
    absent: signalSchema,
    /**
     * Where the page names the account it shows, as a regular expression whose first group is the handle
     * (a canonical link, an og:url). Without it the final URL after redirects is read with the template.
     */
    shownHandle: z.string().min(1).optional(),
    report: reportSchema,
    timeoutMs: z.number().int().min(500).max(60_000).optional(),
    /** The signals were not confirmed against the live site; a present/absent answer may be wrong. */
    verify: z.boolean().optional(),
  })
  .refine((s) => isValidRegex(s.handle.pattern) && (s.shownHandle === undefined || isValidRegex(s.shownHandle)), { message: 'invalid regular expression' });

const listSchema = z.object({
  version: z.string().regex(/^\d{4}-\d{2}-\d{2}(\.\d+)?$/),
  note: z.string().optional(),
  sites: z.array(siteSchema),
});

export type SiteSignal = z.infer<typeof signalSchema>;
export type SiteReportChannel = z.infer<typeof reportSchema>;
export type ImpersonationSite = z.infer<typeof siteSchema>;
export type ImpersonationSiteList = z.infer<typeof listSchema>;

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

export const createInvalidSiteListError = createErrorFactory({
  code: 'impersonation.invalid_site_list',
  message: 'The impersonation site list is not valid.',
  statusCode: 500,
});

/** Validates a site list (the bundled one at start-up, or a test's or the simulated web's own). */
export function parseSiteList(input: unknown): ImpersonationSiteList {
  const result = listSchema.safeParse(input);
  if (!result.success) {
    throw createInvalidSiteListError({ details: { issues: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) } });
  }
  const ids = new Set<string>();
  for (const site of result.data.sites) {
    if (ids.has(site.id)) throw createInvalidSiteListError({ details: { duplicateId: site.id } });
    ids.add(site.id);
  }
  return result.data;
}

export const EMPTY_SITE_LIST: ImpersonationSiteList = { version: '0000-00-00', sites: [] };
