/**
 * Benchmarks with budgets: intake validation in-process, and POST /cases end to end on the
 * embedded stack. Prints figures and exits non-zero when a budget is missed. Tests never time.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { IntakeSchema } from '../functions/schemas/intake.js';
import { startStack } from '../infra/local/stack.js';
import { percentile } from './support/stats.js';

const BUDGETS = {
  validateMicros: 200, // one intake validated, mean
  intakeP95Ms: 400, // POST /cases on the emulators, 95th percentile, 4 clients, 2 cores
  rssMiB: 600, // the whole embedded stack after the run
};

const intake = JSON.parse(readFileSync(new URL('./intake.json', import.meta.url), 'utf8')) as unknown;

function benchValidation(): number {
  const runs = 20_000;
  for (let i = 0; i < 1000; i++) IntakeSchema.parse(intake);
  const start = performance.now();
  for (let i = 0; i < runs; i++) IntakeSchema.parse(intake);
  return ((performance.now() - start) * 1000) / runs;
}

async function benchIntake(api: string): Promise<number[]> {
  const total = 200;
  const clients = 4;
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        next++;
        const start = performance.now();
        const response = await fetch(`${api}/cases`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(intake),
        });
        if (response.status !== 201) throw new Error(`POST /cases answered ${response.status}`);
        await response.arrayBuffer();
        latencies.push(performance.now() - start);
      }
    }),
  );
  return latencies;
}

const dataDir = mkdtempSync(join(tmpdir(), 'concord-bench-'));
const stack = await startStack({
  dataDir,
  ports: { api: 0, ses: 0, dynamodb: 0, s3: 0, sfn: 0, secrets: 0 },
  // Every intake of the run comes from one address.
  settings: { CONCORD_INTAKES_PER_ADDRESS: '1000' },
});
try {
  const validateMicros = benchValidation();
  const latencies = await benchIntake(stack.urls.api);
  const rssMiB = process.memoryUsage().rss / 1024 / 1024;
  const results = {
    validateMicros,
    intakeP50Ms: percentile(latencies, 50),
    intakeP95Ms: percentile(latencies, 95),
    rssMiB,
  };
  console.warn(
    `intake validation        ${validateMicros.toFixed(1)} µs mean (budget ${BUDGETS.validateMicros})`,
  );
  console.warn(
    `POST /cases, 4 clients   p50 ${results.intakeP50Ms.toFixed(1)} ms, p95 ${results.intakeP95Ms.toFixed(1)} ms (budget p95 ${BUDGETS.intakeP95Ms}) over ${latencies.length} intakes`,
  );
  console.warn(`resident memory          ${rssMiB.toFixed(0)} MiB (budget ${BUDGETS.rssMiB})`);
  const missed = [
    validateMicros > BUDGETS.validateMicros && 'validation',
    results.intakeP95Ms > BUDGETS.intakeP95Ms && 'intake p95',
    rssMiB > BUDGETS.rssMiB && 'memory',
  ].filter(Boolean);
  if (missed.length) {
    console.error(`Over budget: ${missed.join(', ')}`);
    process.exitCode = 1;
  }
} finally {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
