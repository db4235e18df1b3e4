/**
 * Every error the application raises on purpose is an AppError with a stable `code` (`domain.reason`)
 * that scripts and the dashboard can rely on, and an HTTP status for the API. The message is for people;
 * it must never contain personal data (names, numbers, page text), because errors are logged.
 */
export class AppError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly details: Record<string, unknown> | undefined;
  readonly isAppError = true;

  constructor(args: { code: string; message: string; statusCode?: number; details?: Record<string, unknown>; cause?: unknown }) {
    super(args.message, { cause: args.cause });
    this.name = 'AppError';
    this.code = args.code;
    this.statusCode = args.statusCode ?? 500;
    this.details = args.details;
  }
}

/** Builds a factory for one kind of error, so call sites read `throw createHitNotFoundError()`. */
export function createErrorFactory(base: { code: string; message: string; statusCode: number }) {
  return (overrides: { message?: string; details?: Record<string, unknown>; cause?: unknown } = {}) =>
    new AppError({ ...base, ...overrides });
}

export function isAppError(error: unknown): error is AppError {
  return typeof error === 'object' && error !== null && (error as { isAppError?: unknown }).isAppError === true;
}

export const createValidationError = (message: string, details?: Record<string, unknown>) =>
  new AppError({ code: 'request.invalid', message, statusCode: 400, details });

export const createNotFoundError = (code: string, message = 'Not found.') => new AppError({ code, message, statusCode: 404 });
