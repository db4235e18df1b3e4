import { z } from 'zod';
import catalogueJson from './data/platforms.json' with { type: 'json' };
import { createErrorFactory } from '../../shared/errors.ts';
import { hostOf } from '../../shared/url.models.ts';

/** What a reporting channel accepts; categories and legal bases are mapped onto these. */
export const CHANNEL_TOPICS = [
  'intimate_media',
  'private_information',
  'copyright',
  'impersonation',
  'data_protection',
  'illegal_content',
  'search_delisting',
] as const;
export type ChannelTopic = (typeof CHANNEL_TOPICS)[number];

const httpsUrl = z.string().url().refine((u) => u.startsWith('https://'), 'must be https');

const channelSchema = z
  .object({
    id: z.string().min(1),
    label: z.string().min(1),
    kind: z.enum(['form', 'email']),
    formUrl: httpsUrl.optional(),
    address: z.string().email().optional(),
    verify: z.boolean().optional(),
    topics: z.array(z.enum(CHANNEL_TOPICS)).min(1),
    steps: z.array(z.string().min(1)).min(1),
    asks: z.array(z.string().min(1)).min(1),
    notes: z.string().optional(),
    publishedToLumen: z.boolean().optional(),
  })
  .refine((c) => (c.kind === 'form' ? c.formUrl !== undefined && c.address === undefined : c.address !== undefined && c.formUrl === undefined), {
    message: 'a form channel has a formUrl, an email channel an address',
  });

const platformSchema = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/),
  label: z.string().min(1),
  role: z.enum(['platform', 'search_engine', 'cdn', 'hash_service']),
  hostnames: z.array(z.string().regex(/^[a-z0-9.-]+$/)),
  orgNamePatterns: z.array(z.string().min(3)).optional(),
  verify: z.boolean().optional(),
  stopNcii: z.boolean().optional(),
  channels: z.array(channelSchema).min(1),
});

const catalogueSchema = z.object({
  version: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  note: z.string().optional(),
  platforms: z.array(platformSchema),
});

export type PlatformChannel = z.infer<typeof channelSchema>;
export type Platform = z.infer<typeof platformSchema>;
export type PlatformCatalogue = z.infer<typeof catalogueSchema>;

export const createInvalidCatalogueError = createErrorFactory({
  code: 'takedowns.invalid_platform_catalogue',
  message: 'The platform catalogue is not valid.',
  statusCode: 500,
});

export function parsePlatformCatalogue(input: unknown): PlatformCatalogue {
  const result = catalogueSchema.safeParse(input);
  if (!result.success) {
    throw createInvalidCatalogueError({ details: { issues: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) } });
  }
  const ids = new Set<string>();
  for (const p of result.data.platforms) {
    if (ids.has(p.id)) throw createInvalidCatalogueError({ details: { duplicateId: p.id } });
    ids.add(p.id);
  }
  return result.data;
}

/** The catalogue shipped with the code, validated at import so a broken data file fails at start-up. */
const BUNDLED_CATALOGUE: PlatformCatalogue = parsePlatformCatalogue(catalogueJson);
export function bundledPlatformCatalogue(): PlatformCatalogue {
  return BUNDLED_CATALOGUE;
}

function hostMatches(host: string, listed: string): boolean {
  return host === listed || host.endsWith(`.${listed}`);
}

/**
 * Finds the platform serving a URL. Any subdomain of a listed host counts (mobile hosts, language
 * subdomains, CDNs), and the longest listed host wins so a specific entry beats a general one.
 */
export function matchPlatform(url: string, catalogue: PlatformCatalogue = bundledPlatformCatalogue()): Platform | null {
  const host = hostOf(url);
  if (!host) return null;
  let best: { platform: Platform; length: number } | null = null;
  for (const platform of catalogue.platforms) {
    for (const listed of platform.hostnames) {
      if (hostMatches(host, listed) && (!best || listed.length > best.length)) best = { platform, length: listed.length };
    }
  }
  return best?.platform ?? null;
}

export function findPlatform(id: string, catalogue: PlatformCatalogue = bundledPlatformCatalogue()): Platform | null {
  return catalogue.platforms.find((p) => p.id === id) ?? null;
}

/** CDNs are recognised by the network owner's name in RDAP, not by the page host. */
export function matchPlatformByOrgName(orgName: string, catalogue: PlatformCatalogue = bundledPlatformCatalogue()): Platform | null {
  const lower = orgName.toLowerCase();
  return catalogue.platforms.find((p) => p.orgNamePatterns?.some((pattern) => lower.includes(pattern)) ?? false) ?? null;
}

/**
 * Orders a platform's channels for the topics at hand, which come most important first: a channel covering
 * an earlier topic beats any number of later ones; then verified before unverified, forms before emails
 * (forms are what platforms act on fastest).
 */
export function rankChannels(platform: Platform, topics: readonly ChannelTopic[]): PlatformChannel[] {
  const score = (c: PlatformChannel) => {
    let overlap = 0;
    topics.forEach((t, i) => {
      if (c.topics.includes(t)) overlap += 2 ** (topics.length - i);
    });
    return overlap * 4 + (c.verify ? 0 : 2) + (c.kind === 'form' ? 1 : 0);
  };
  const wanted = topics.length > 0 ? platform.channels.filter((c) => topics.some((t) => c.topics.includes(t))) : platform.channels;
  const pool = wanted.length > 0 ? wanted : platform.channels;
  return [...pool].sort((a, b) => score(b) - score(a));
}
