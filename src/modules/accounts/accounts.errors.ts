import { AppError, createErrorFactory } from '../../shared/errors.ts';

// One message for an unknown email and a wrong password: the answer must not tell which emails have accounts.
export const createInvalidCredentialsError = createErrorFactory({ code: 'auth.invalid_credentials', message: 'Wrong email or password.', statusCode: 401 });
export const createLockedError = createErrorFactory({ code: 'auth.locked', message: 'Too many failed attempts. Wait a few minutes and try again.', statusCode: 429 });
export const createUnauthenticatedError = createErrorFactory({ code: 'auth.required', message: 'Log in first, or send an API token as "Authorization: Bearer <token>".', statusCode: 401 });
export const createSetupRequiredError = createErrorFactory({ code: 'auth.setup_required', message: 'No account exists yet: open /setup to create the first administrator.', statusCode: 401 });
export const createSetupDoneError = createErrorFactory({ code: 'accounts.setup_done', message: 'The first administrator already exists.', statusCode: 409 });
export const createForbiddenError = createErrorFactory({ code: 'access.forbidden', message: 'This account may not do that.', statusCode: 403 });
export const createCsrfError = createErrorFactory({ code: 'access.csrf', message: 'The form expired or did not come from this site. Reload the page and try again.', statusCode: 403 });
export const createAccountNotFoundError = createErrorFactory({ code: 'accounts.not_found', message: 'No such account.', statusCode: 404 });
export const createTokenNotFoundError = createErrorFactory({ code: 'tokens.not_found', message: 'No such API token.', statusCode: 404 });
export const createEmailTakenError = createErrorFactory({ code: 'accounts.email_taken', message: 'An account with this email already exists.', statusCode: 409 });
export const createInvalidEmailError = createErrorFactory({ code: 'accounts.invalid_email', message: 'This is not an email address.', statusCode: 400 });
export const createWipeConfirmationError = createErrorFactory({ code: 'people.wipe_not_confirmed', message: "Type the person's label exactly to confirm.", statusCode: 400 });

export const createWeakPasswordError = (problem: 'too_short' | 'too_long') =>
  new AppError({
    code: `accounts.password_${problem}`,
    message: problem === 'too_short' ? 'The password needs at least 12 characters. A few unrelated words make a strong one.' : 'The password is too long.',
    statusCode: 400,
  });

export const createOrganisationNotFoundError = createErrorFactory({ code: 'organisations.not_found', message: 'No organisation has this id or handle.', statusCode: 404 });
export const createOrganisationNameTakenError = createErrorFactory({ code: 'organisations.name_taken', message: 'An organisation with this name (or one that reads the same) already exists.', statusCode: 409 });
// Organisation names are not about the people watched, so the message may list them to help choose.
export const createOrganisationAmbiguousError = (handles: string[]) =>
  new AppError({ code: 'organisations.choose', message: `Several organisations exist: name one with --organisation (its id or handle): ${handles.join(', ')}.`, statusCode: 400 });

export const createInvalidAccountError = (message: string) => new AppError({ code: 'accounts.invalid', message, statusCode: 400 });
