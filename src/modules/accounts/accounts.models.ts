/** Roles: an administrator sees the whole organisation, a caseworker the people assigned to them, a person only themselves. */
export const ROLES = ['admin', 'caseworker', 'person'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking. `personIds` is the list a caseworker or person may see, or the whole organisation for an admin. */
export interface Actor {
  accountId: string;
  organisationId: string;
  role: Role;
  personIds: 'all-in-org' | string[];
  /** How the request proved who it is: cookie sessions need CSRF tokens on writes, bearer tokens do not. */
  via: 'session' | 'token';
  language: string;
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

/** Length is what makes a password strong; composition rules only make people write them down. */
export function passwordProblem(password: string): 'too_short' | 'too_long' | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  return null;
}

const EMAIL = /^[^\s@<>,;"()[\]\\]{1,64}@[^\s@<>,;"()[\]\\]{1,255}$/;

/** Emails are compared case-insensitively: the stored form is trimmed and lower-case. */
export function normaliseEmail(input: string): string | null {
  const email = input.trim().toLowerCase();
  return EMAIL.test(email) && email.length <= 320 ? email : null;
}

/** Whether the actor may see one person. Other organisations are never visible, whatever the role. */
export function canSeePerson(actor: Pick<Actor, 'organisationId' | 'personIds'>, person: { id: string; organisationId: string }): boolean {
  if (person.organisationId !== actor.organisationId) return false;
  return actor.personIds === 'all-in-org' || actor.personIds.includes(person.id);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
