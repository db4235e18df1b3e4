export type HealthProblem = 'no_successful_scan' | 'all_engines_blocked';

/**
 * A monitor that silently stops is the worst failure for a person under attack, so "no successful scan
 * for too long" is itself an alert. A person whose first scan has not succeeded yet is measured from
 * when they were added.
 */
export function findHealthProblems(args: {
  now: Date;
  alertAfterHours: number;
  person: { createdAt: Date; lastSuccessAt: Date | null; scheduleEnabled: boolean };
  engines: { state: 'ok' | 'suspended' }[];
}): HealthProblem[] {
  const problems: HealthProblem[] = [];
  const since = args.person.lastSuccessAt ?? args.person.createdAt;
  if (args.person.scheduleEnabled && args.now.getTime() - since.getTime() > args.alertAfterHours * 3_600_000) {
    problems.push('no_successful_scan');
  }
  if (args.engines.length > 0 && args.engines.every((e) => e.state === 'suspended')) problems.push('all_engines_blocked');
  return problems;
}
