/**
 * An organisation's short handle for the command line (`--organisation safe-harbour`): its name in lower
 * case, letters of any script and digits kept, everything else one dash. Derived, never stored, so a name
 * and its handle cannot disagree.
 */
export function organisationSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

export const ORGANISATION_NAME_MAX = 120;

/** Why a name cannot name an organisation, or null when it can. */
export function organisationNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > ORGANISATION_NAME_MAX) return `Give the organisation a name of 1 to ${ORGANISATION_NAME_MAX} characters.`;
  if (!organisationSlug(trimmed)) return 'The organisation\'s name needs at least one letter or digit.';
  return null;
}

/**
 * Which organisation `ref` names: its id, or its handle (a name typed as shown also works, since it
 * reduces to the same handle). Null when none or, impossible while names are unique, several do.
 */
export function findOrganisation<T extends { id: string; name: string }>(organisations: readonly T[], ref: string): T | null {
  const byId = organisations.find((o) => o.id === ref.trim());
  if (byId) return byId;
  const wanted = organisationSlug(ref);
  if (!wanted) return null;
  const bySlug = organisations.filter((o) => organisationSlug(o.name) === wanted);
  return bySlug.length === 1 ? bySlug[0]! : null;
}
