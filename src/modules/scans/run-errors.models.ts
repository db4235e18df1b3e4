/**
 * What a finished run says went wrong. Stored in English, as it is: the API, the command line's JSON and the
 * logs carry this text, and people script against it. The dashboard shows it in the reader's language, and
 * knows it by its text (`readRunError`), so the texts live here, once.
 */
export const runErrors = {
  nothingSearched: 'Nothing was searched: the chosen engines had nothing to look for (an engine that searches by photo needs a photo of the person that allows it).',
  noSearchSucceeded: 'No search succeeded: every engine was blocked or failed.',
  noPageChecked: 'No page could be checked: every page found refused access or failed to load.',
} as const;

const stoppedPrefix = 'The scan stopped: ';

/** The run's job gave up (its last attempt failed, or workers kept dying under it): `detail` is the job's last error. */
export const scanStoppedError = (detail: string | null): string => `${stoppedPrefix}${detail ?? 'its job ended without finishing'}`;

export type RunErrorKind = keyof typeof runErrors | 'stopped';

/**
 * A stored run error, told apart: one of the fixed texts, or a stop with the job's own (technical, English)
 * detail; null for a text this version did not write (a newer or older one), which is shown as it is.
 */
export function readRunError(error: string): { kind: RunErrorKind; detail?: string } | null {
  for (const kind of Object.keys(runErrors) as (keyof typeof runErrors)[]) if (runErrors[kind] === error) return { kind };
  if (error.startsWith(stoppedPrefix)) return { kind: 'stopped', detail: error.slice(stoppedPrefix.length) };
  return null;
}
