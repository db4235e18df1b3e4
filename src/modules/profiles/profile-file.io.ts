import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors.ts';
import { parseProfileOrThrow } from './profiles.usecases.ts';
import type { NormalisedProfile } from './profile-file.models.ts';

const MAX_PROFILE_BYTES = 1024 * 1024;

/** Reads a profile.json from disk; photo paths are resolved relative to the file, as DESIGN.md specifies. */
export function readProfileFile(file: string, defaultCountry?: string): { profile: NormalisedProfile; photoPaths: string[] } {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (stat.size > MAX_PROFILE_BYTES) throw new AppError({ code: 'profiles.file_too_large', message: 'The profile file is larger than 1 MiB.', statusCode: 400 });
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError({ code: 'profiles.file_unreadable', message: `Cannot read the profile file (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, statusCode: 400 });
  }
  const profile = parseProfileOrThrow(text, defaultCountry);
  const photoPaths = profile.photos.map((p) => path.resolve(path.dirname(path.resolve(file)), p));
  return { profile, photoPaths };
}
