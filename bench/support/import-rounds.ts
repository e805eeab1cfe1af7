/**
 * Times the import of many modules in fresh node processes, round after round. Each module is measured
 * beside its baseline (a function's bundle beside its bare SDK bundle): the two run back to back, in a
 * random order, and their difference is kept per round. On a shared machine whose load drifts over minutes,
 * the median of those paired differences holds still where a difference of two medians, taken minutes
 * apart, does not. Rounds go in a new shuffled order each time; the first only warms the page cache. When
 * the planned rounds would take too long, fewer are run and the caller is told.
 */
import { performance } from 'node:perf_hooks';
import { timeImportInFreshNode, type ImportTiming } from './spawn-timing.js';

export interface RoundsPlan {
  runs: number;
  /** Run reducedRuns instead when runs rounds would take longer than timeLimitMs. */
  reducedRuns: number;
  timeLimitMs: number;
}

/** A module to time: its file, and the key of the module it is measured against, if any. */
export interface TimedModule {
  file: string;
  baseline?: string;
  /** NODE_OPTIONS to import it with (none by default). */
  nodeOptions?: string;
}

export interface RoundsResult {
  runs: number;
  /** How long the planned rounds would have taken, from the first counted round. */
  plannedMs: number;
  /** Every timing of each module (a baseline shared by several modules is timed beside each). */
  timings: Map<string, ImportTiming[]>;
  /** For each module with a baseline: module minus baseline, one per round. */
  differences: Map<string, ImportTiming[]>;
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function minus(a: ImportTiming, b: ImportTiming): ImportTiming {
  return {
    importMs: a.importMs - b.importMs,
    cpuMs: a.cpuMs - b.cpuMs,
    processMs: a.processMs - b.processMs,
  };
}

/** modules: key → file and baseline. A key that is only ever a baseline is timed only beside its modules. */
export function timeImportRounds(
  program: string,
  modules: ReadonlyMap<string, TimedModule>,
  plan: RoundsPlan,
): RoundsResult {
  const timings = new Map<string, ImportTiming[]>([...modules.keys()].map((key) => [key, []]));
  const differences = new Map<string, ImportTiming[]>();
  const baselines = new Set([...modules.values()].flatMap(({ baseline }) => (baseline ? [baseline] : [])));
  const time = (key: string) => {
    const { file, nodeOptions } = modules.get(key)!;
    const timing = timeImportInFreshNode(program, file, nodeOptions);
    timings.get(key)!.push(timing);
    return timing;
  };
  const round = () => {
    for (const key of shuffled([...modules.keys()].filter((key) => !baselines.has(key)))) {
      const { baseline } = modules.get(key)!;
      if (!baseline) {
        time(key);
        continue;
      }
      const measured = new Map(shuffled([key, baseline]).map((each) => [each, time(each)]));
      const own = differences.get(key) ?? [];
      differences.set(key, own);
      own.push(minus(measured.get(key)!, measured.get(baseline)!));
    }
  };
  round();
  for (const samples of [...timings.values(), ...differences.values()]) samples.length = 0;

  const firstRound = performance.now();
  round();
  const plannedMs = (performance.now() - firstRound) * plan.runs;
  const runs = plannedMs > plan.timeLimitMs ? plan.reducedRuns : plan.runs;
  for (let done = 1; done < runs; done++) {
    if (process.stderr.isTTY) process.stderr.write(`\rround ${done + 1}/${runs}`);
    round();
  }
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  return { runs, plannedMs, timings, differences };
}
