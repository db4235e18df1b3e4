import { AppError } from '../../shared/errors.ts';
import { nextCronOccurrence, validateCronExpression } from '../../shared/cron.models.ts';
import type { Clock } from '../../shared/clock.ts';
import { parseProfile, parseProfileJson, type NormalisedProfile, type ProfileIssue } from './profile-file.models.ts';
import type { ProfilesRepository } from './profiles.repository.ts';
import { computeNextScanAt } from '../scans/schedule.models.ts';

export const createInvalidProfileError = (issues: ProfileIssue[]) =>
  new AppError({
    code: 'profiles.invalid',
    message: `The profile has ${issues.length} problem(s): ${issues.map((i) => i.message).join(' ')}`,
    statusCode: 400,
    details: { issues },
  });

export const createPersonNotFoundError = () => new AppError({ code: 'people.not_found', message: 'No such person.', statusCode: 404 });

/** Parses a profile from JSON text or a parsed object; any problem rejects the whole profile. */
export function parseProfileOrThrow(input: string | unknown, defaultCountry?: string): NormalisedProfile {
  const result = typeof input === 'string' ? parseProfileJson(input, { defaultCountry }) : parseProfile(input, { defaultCountry });
  if (!result.ok) throw createInvalidProfileError(result.issues);
  return result.profile;
}

export async function importPerson(
  deps: { profiles: ProfilesRepository; clock: Clock; random: () => number; defaultSchedule: string; jitterMinutes: number },
  args: { organisationId?: string; label: string; language?: string; defaultCountry?: string; scheduleCron?: string; profile: string | unknown },
): Promise<{ personId: string; profile: NormalisedProfile }> {
  const label = args.label.trim();
  if (!label || label.length > 80) throw new AppError({ code: 'people.invalid_label', message: 'A label of 1 to 80 characters is needed (a pseudonym is fine).', statusCode: 400 });
  const scheduleCron = args.scheduleCron ?? deps.defaultSchedule;
  const cronProblem = validateCronExpression(scheduleCron);
  if (cronProblem) throw new AppError({ code: 'people.invalid_schedule', message: `The schedule is not a valid cron expression (${cronProblem}).`, statusCode: 400 });
  const profile = parseProfileOrThrow(args.profile, args.defaultCountry);
  const organisationId = args.organisationId ?? await deps.profiles.ensureDefaultOrganisation();
  const personId = await deps.profiles.createPerson({
    organisationId,
    label,
    language: args.language ?? 'en',
    defaultCountry: profile.defaultCountry,
    scheduleCron,
    nextScanAt: computeNextScanAt({ cron: scheduleCron, after: deps.clock.now(), jitterMinutes: deps.jitterMinutes, random: deps.random, next: nextCronOccurrence }),
    profile,
  });
  return { personId, profile };
}

export async function loadProfile(profiles: ProfilesRepository, personId: string): Promise<NormalisedProfile> {
  const person = await profiles.getPerson(personId);
  if (!person) throw createPersonNotFoundError();
  return parseProfileOrThrow(await profiles.loadProfileFile(personId), person.defaultCountry);
}
