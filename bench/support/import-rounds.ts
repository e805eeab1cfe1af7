/**
 * Times the import of many modules in fresh node processes, round after round, each round in a new shuffled
 * order so that drift on a shared machine falls on all modules alike. The first round only warms the page
 * cache. When the planned rounds would take too long, fewer are run and the caller is told.
 */
import { performance } from 'node:perf_hooks';
import { timeImportInFreshNode, type ImportTiming } from './spawn-timing.js';

export interface RoundsPlan {
  runs: number;
  /** Run reducedRuns instead when runs rounds would take longer than timeLimitMs. */
  reducedRuns: number;
  timeLimitMs: number;
}

export interface RoundsResult {
  runs: number;
  /** How long the planned rounds would have taken, from the first counted round. */
  plannedMs: number;
  timings: Map<string, ImportTiming[]>;
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** modules: key → file. */
export function timeImportRounds(
  program: string,
  modules: ReadonlyMap<string, string>,
  plan: RoundsPlan,
): RoundsResult {
  const timings = new Map<string, ImportTiming[]>([...modules.keys()].map((key) => [key, []]));
  const round = () => {
    for (const [key, file] of shuffled([...modules])) {
      timings.get(key)!.push(timeImportInFreshNode(program, file));
    }
  };
  round();
  for (const samples of timings.values()) samples.length = 0;

  const firstRound = performance.now();
  round();
  const plannedMs = (performance.now() - firstRound) * plan.runs;
  const runs = plannedMs > plan.timeLimitMs ? plan.reducedRuns : plan.runs;
  for (let done = 1; done < runs; done++) {
    if (process.stderr.isTTY) process.stderr.write(`\rround ${done + 1}/${runs}`);
    round();
  }
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  return { runs, plannedMs, timings };
}
