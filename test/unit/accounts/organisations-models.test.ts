import { describe, expect, it } from 'vitest';
import { findOrganisation, organisationNameProblem, organisationSlug } from '../../../src/modules/accounts/organisations.models.ts';

describe('organisation handles', () => {
  it('turns a name into a lower-case handle with dashes, accents dropped and other scripts kept', () => {
    expect(organisationSlug('Safe Harbour')).toBe('safe-harbour');
    expect(organisationSlug('  Élan — Aide aux Victimes!  ')).toBe('elan-aide-aux-victimes');
    expect(organisationSlug('Помощь 24/7')).toBe('помощь-24-7');
    expect(organisationSlug('***')).toBe('');
  });

  it('refuses an empty name, a name of punctuation only and one longer than 120 characters', () => {
    expect(organisationNameProblem('Safe Harbour')).toBeNull();
    expect(organisationNameProblem('   ')).toMatch(/1 to 120/);
    expect(organisationNameProblem('!!!')).toMatch(/letter or digit/);
    expect(organisationNameProblem('x'.repeat(121))).toMatch(/1 to 120/);
  });

  it('finds an organisation by id, by handle or by its name typed as shown, and nothing for anything else', () => {
    const orgs = [{ id: 'org_1', name: 'Safe Harbour' }, { id: 'org_2', name: 'Night Line' }];
    expect(findOrganisation(orgs, 'org_2')?.name).toBe('Night Line');
    expect(findOrganisation(orgs, 'night-line')?.id).toBe('org_2');
    expect(findOrganisation(orgs, 'Safe Harbour')?.id).toBe('org_1');
    expect(findOrganisation(orgs, 'harbour')).toBeNull();
    expect(findOrganisation(orgs, '--')).toBeNull();
  });
});
