/**
 * Runs benchmark scripts one after another, each in its own process (a benchmark's memory and timings stay
 * its own), and fails when any of them does. A benchmark is a script that prints its figures beside its
 * budgets and exits non-zero when one is missed.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT } from './repo.js';

export interface Benchmark {
  title: string;
  /** Path from the repository root. */
  script: string;
}

export function runBenchmarks(benchmarks: readonly Benchmark[]): void {
  const failed: string[] = [];
  for (const { title, script } of benchmarks) {
    console.warn(`\n=== ${title} (${script})\n`);
    const started = performance.now();
    // tsx as a loader of plain node: the same TypeScript handling as `tsx script`, one process fewer.
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, script)], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    const passed = child.status === 0;
    console.warn(`\n--- ${title}: ${passed ? 'within budget' : 'FAILED'} (${seconds} s)`);
    if (!passed) failed.push(title);
  }
  const count = `${benchmarks.length} benchmark${benchmarks.length === 1 ? '' : 's'}`;
  console.warn(
    failed.length === 0 ? `\nWithin budget: ${count}.` : `\nFailed: ${failed.join(', ')} (of ${count}).`,
  );
  if (failed.length > 0) process.exitCode = 1;
}
