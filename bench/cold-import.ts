/**
 * Cold import per Lambda (issue 8, part 2). Every bundle is written out as index.mjs and imported in fresh
 * `node` processes, round after round (bench/support/import-rounds.ts).
 * Per function: the median, over rounds, of its import time minus that of its bare SDK bundle imported
 * beside it (bench/support/import-rounds.ts says why paired), against a budget. Also, for
 * scale, an empty module; and once, for information, one function built with the SDK left external and
 * imported from node_modules, as the runtime-provided SDK would be.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SOURCE_MAPS_NODE_OPTIONS } from '../infra/aws/lambda-bundling.js';
import { compileChildProgram } from './support/child-program.js';
import type { Bundle } from './support/esbuild-lambda.js';
import { timeImportRounds, type TimedModule } from './support/import-rounds.js';
import { buildLambdaBundles, type LambdaBundle } from './support/lambda-bundles.js';
import { REPO_ROOT } from './support/repo.js';
import { median, percentile } from './support/stats.js';
import { formatTable } from './support/table.js';

const IMPORT_OVERHEAD_BUDGET_MS = 15;
const RUNS = 30;
/** If 30 rounds would take longer than this, 15 are run instead (and the output says so). */
const TIME_LIMIT_MS = 10 * 60_000;
const REDUCED_RUNS = 15;

const dir = mkdtempSync(join(tmpdir(), 'concord-cold-import-'));

function writeModule(path: string, code: Uint8Array | string): string {
  const file = join(dir, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, code);
  return file;
}

/** The bundle as the CDK's asset holds it: index.mjs, and its source map beside it. */
function writeBundle(prefix: string, bundle: Bundle): string {
  if (bundle.map) writeModule(join(prefix, bundle.key, 'index.mjs.map'), bundle.map);
  return writeModule(join(prefix, bundle.key, 'index.mjs'), bundle.code);
}

/** The function the runtime-SDK comparison uses: the one carrying the most SDK. */
function heaviestSdkUser(lambdas: readonly LambdaBundle[]): string {
  return [...lambdas].sort((a, b) => b.bareSdk.bytes - a.bareSdk.bytes || a.name.localeCompare(b.name))[0]!
    .name;
}

try {
  const started = performance.now();
  const lambdas = await buildLambdaBundles();
  const runtimeName = heaviestSdkUser(lambdas);
  // The runtime-provided SDK lives in node_modules: a link lets the external build resolve it from here.
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const [runtime] = await buildLambdaBundles({ names: [runtimeName], external: ['@aws-sdk/*'] });
  const program = await compileChildProgram(
    join(REPO_ROOT, 'bench/support/timed-import.ts'),
    join(dir, 'timed-import.mjs'),
  );

  // Each module to import, once: functions beside their bare SDK bundles (shared), an empty module, the
  // runtime pair.
  const modules = new Map<string, TimedModule>([['empty', { file: writeModule('empty.mjs', '') }]]);
  for (const lambda of lambdas) {
    modules.set(lambda.bundle.key, {
      file: writeBundle('bundled', lambda.bundle),
      baseline: lambda.bareSdk.key,
    });
    modules.set(lambda.bareSdk.key, { file: writeBundle('bundled', lambda.bareSdk) });
  }
  const runtimeKey = `runtime/${runtime!.bundle.key}`;
  const runtimeBareKey = `runtime/${runtime!.bareSdk.key}`;
  modules.set(runtimeKey, { file: writeBundle('runtime', runtime!.bundle), baseline: runtimeBareKey });
  modules.set(runtimeBareKey, { file: writeBundle('runtime', runtime!.bareSdk) });
  // The same function and bare SDK, deployed with `-c sourceMaps=true`: Node applies the source maps.
  const heaviest = lambdas.find((lambda) => lambda.name === runtimeName)!;
  const mappedKey = `source-maps/${heaviest.bundle.key}`;
  const mappedBareKey = `source-maps/${heaviest.bareSdk.key}`;
  const nodeOptions = SOURCE_MAPS_NODE_OPTIONS;
  const fileOf = (key: string) => modules.get(key)!.file;
  modules.set(mappedKey, { file: fileOf(heaviest.bundle.key), baseline: mappedBareKey, nodeOptions });
  modules.set(mappedBareKey, { file: fileOf(heaviest.bareSdk.key), nodeOptions });

  const { runs, plannedMs, timings, differences } = timeImportRounds(program, modules, {
    runs: RUNS,
    reducedRuns: REDUCED_RUNS,
    timeLimitMs: TIME_LIMIT_MS,
  });

  const importMs = (key: string) => median(timings.get(key)!.map((t) => t.importMs));
  const processMs = (key: string) => median(timings.get(key)!.map((t) => t.processMs));
  const overheadMs = (key: string) => median(differences.get(key)!.map((t) => t.importMs));
  const cpuOverheadMs = (key: string) => median(differences.get(key)!.map((t) => t.cpuMs));
  const middleHalf = (key: string) => {
    const pairs = differences.get(key)!.map((t) => t.importMs);
    return `${percentile(pairs, 25).toFixed(1)} to ${percentile(pairs, 75).toFixed(1)}`;
  };
  const rows = lambdas.map((lambda) => {
    const overhead = overheadMs(lambda.bundle.key);
    const over = overhead > IMPORT_OVERHEAD_BUDGET_MS;
    return {
      name: lambda.name,
      over,
      cells: [
        lambda.name,
        importMs(lambda.bundle.key).toFixed(1),
        importMs(lambda.bareSdk.key).toFixed(1),
        overhead.toFixed(1),
        middleHalf(lambda.bundle.key),
        over ? 'OVER' : 'ok',
        cpuOverheadMs(lambda.bundle.key).toFixed(1),
        processMs(lambda.bundle.key).toFixed(0),
      ],
    };
  });

  console.warn(
    `Cold import per Lambda: median of ${runs} fresh node processes each (node ${process.version}), ` +
      `in ms; overhead = the median, over rounds, of function − its bare SDK bundle imported beside it; ` +
      `budget ≤ ${IMPORT_OVERHEAD_BUDGET_MS} ms.\n` +
      'Middle half: the 25th to 75th percentile of the paired differences, how far one pair strays on this host. ' +
      'CPU overhead: the same difference in CPU time, steadier when others load the machine (information). ' +
      'Process: the whole node process, start-up included.',
  );
  if (runs < RUNS) {
    console.warn(
      `Reduced to ${runs} runs: ${RUNS} rounds would take ~${(plannedMs / 60_000).toFixed(1)} min here.`,
    );
  }
  console.warn(
    `For scale, an empty module: process ${processMs('empty').toFixed(0)} ms, import ${importMs('empty').toFixed(1)} ms.\n`,
  );
  console.warn(
    formatTable(
      [
        'function',
        'import ms',
        'bare SDK ms',
        'overhead ms',
        'middle half',
        'budget',
        'CPU overhead ms',
        'process ms',
      ],
      rows.map((row) => row.cells),
    ),
  );
  const runtimeImport = importMs(runtimeKey);
  console.warn(
    `\nRuntime-provided SDK, for information (no budget): ${runtimeName} built with @aws-sdk/* external, ` +
      `the SDK imported from node_modules:\n` +
      `  SDK bundled            import ${importMs(heaviest.bundle.key).toFixed(1)} ms ` +
      `(its bare SDK ${importMs(heaviest.bareSdk.key).toFixed(1)} ms)\n` +
      `  SDK from node_modules  import ${runtimeImport.toFixed(1)} ms ` +
      `(its bare SDK ${importMs(runtimeBareKey).toFixed(1)} ms)`,
  );
  console.warn(
    `\nSource maps applied, for information (no budget; deployed only with -c sourceMaps=true): ` +
      `${runtimeName} and its bare SDK imported with NODE_OPTIONS=${SOURCE_MAPS_NODE_OPTIONS}:\n` +
      `  import ${importMs(mappedKey).toFixed(1)} ms (without: ${importMs(heaviest.bundle.key).toFixed(1)}), ` +
      `its bare SDK ${importMs(mappedBareKey).toFixed(1)} ms (without: ` +
      `${importMs(heaviest.bareSdk.key).toFixed(1)}), overhead ${overheadMs(mappedKey).toFixed(1)} ms ` +
      `(without: ${overheadMs(heaviest.bundle.key).toFixed(1)})`,
  );
  console.warn(
    `\n${modules.size} modules (each function beside its bare SDK) × ${runs + 1} rounds in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );

  const over = rows.filter((row) => row.over).map((row) => row.name);
  if (over.length > 0) {
    console.error(`Over the ${IMPORT_OVERHEAD_BUDGET_MS} ms cold-import budget: ${over.join(', ')}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
