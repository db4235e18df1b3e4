import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one plain closing line, `N passed, N failed, N skipped`, which CI reads in any language
 * (it does not parse vitest's own summary). Each failure is named just above it on a `FAILED:` line, because CI
 * records keep only the tail of the output and a failure scrolled out of it cannot be planned for.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let skipped = 0;
    const failures: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') passed++;
        else if (result.state === 'failed') {
          const firstError = result.errors?.[0]?.message?.split('\n')[0] ?? '';
          failures.push(`${module.moduleId} > ${test.fullName}: ${firstError.slice(0, 240)}`);
        } else skipped++;
      }
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) {
        const firstError = module.errors()[0]?.message?.split('\n')[0] ?? '';
        failures.push(`${module.moduleId}: ${firstError.slice(0, 240)}`);
      }
    }
    for (const error of unhandledErrors) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push(`unhandled error: ${message.split('\n')[0]?.slice(0, 240) ?? ''}`);
    }
    const lines = failures.map((failure) => `FAILED: ${failure.replace(process.cwd() + '/', '')}\n`).join('');
    process.stdout.write(`\n${lines}${passed} passed, ${failures.length} failed, ${skipped} skipped\n`);
  }
}
