/**
 * `npm run bench:quick`, for CI: only the benchmarks whose budgets are sizes and counts, never times (a shared
 * CI machine's times would fail at random). Add size and count checks here as they arrive.
 */
import { runBenchmarks } from './support/run-benchmarks.js';

runBenchmarks([{ title: 'Bundle size per Lambda', script: 'bench/bundles.ts' }]);
