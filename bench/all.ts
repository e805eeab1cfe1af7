/** `npm run bench`: every benchmark, each in its own process. Add new ones here. */
import { runBenchmarks } from './support/run-benchmarks.js';

runBenchmarks([
  { title: 'Bundle size per Lambda', script: 'bench/bundles.ts' },
  { title: 'Cold import per Lambda', script: 'bench/cold-import.ts' },
  { title: 'Intake', script: 'bench/run.ts' },
]);
