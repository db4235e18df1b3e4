import { AppError } from './errors.ts';

/**
 * Resolves or rejects within `ms`, with a coded error naming what took too long. Used for every call that
 * could hang on something outside the process: a wedged renderer, a resolver that never answers.
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string, code = 'operation.timeout'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new AppError({ code, message: `${what} timed out after ${ms} ms.`, statusCode: 504 })), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
