/**
 * `npm run bench:quick`, for CI: only the benchmarks whose budgets are sizes and counts, never times (a shared
 * CI machine's times would fail at random). Add size and count checks here as they arrive.
 */
import { runBenchmarks } from './support/run-benchmarks.js';

runBenchmarks([
  { title: 'Bundle size per Lambda', script: 'bench/bundles.ts' },
  // Transitions, requests and emails per case, largest state payload (its times are printed, not budgeted).
  { title: 'Cost per case and state payload', script: 'bench/cost.ts' },
]);
