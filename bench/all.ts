/** `npm run bench`: every benchmark, each in its own process. Add new ones here. */
import { runBenchmarks } from './support/run-benchmarks.js';

runBenchmarks([
  { title: 'Bundle size per Lambda', script: 'bench/bundles.ts' },
  { title: 'Cold import per Lambda', script: 'bench/cold-import.ts' },
  { title: 'Intake', script: 'bench/run.ts' },
  { title: 'Warm handler latency', script: 'bench/handler-latency.ts' },
  { title: 'Cost per case and state payload', script: 'bench/cost.ts' },
  { title: 'Throughput of the embedded stack', script: 'bench/throughput.ts' },
  { title: 'Matching at scale', script: 'bench/matching-scale.ts' },
  { title: 'Console queue at scale', script: 'bench/console-queue.ts' },
  { title: 'Record checks', script: 'bench/record-checks.ts' },
]);
