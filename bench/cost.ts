/**
 * Cost per case (issue 8, part 4) and state payload (part 7), from counts taken on real local executions:
 * cases driven end to end on the embedded stack, one at a time, along the happy path and the third-opinion
 * path. Transitions and state sizes come from the local runner's event log; DynamoDB, S3, SES and Step
 * Functions requests from a tap on the SDK (every handler runs in this process); DynamoDB read and write
 * units from the capacity dynalite reports per request (computed from item sizes as DynamoDB does).
 * Budgets here are counts and bytes only, never times: this is also a CI check (`npm run bench:quick`).
 */
import { performance } from 'node:perf_hooks';
import { ROUTES } from '../infra/routes.js';
import { driveCase, type CasePath } from './support/case-driver.js';
import { ObservedStack } from './support/observed-stack.js';
import { median } from './support/stats.js';
import { formatTable } from './support/table.js';

const CASES_PER_PATH = 3;

/** Budgets from issue 8 (transitions, payload) and ceilings set here against regressions (requests). */
const BUDGETS = {
  transitions: { happy: 25, 'third-opinion': 45 },
  /** Regression ceilings, not from the issue: about 15% over what the paths needed when this was written. */
  dynamoRequests: { happy: 160, 'third-opinion': 235 },
  s3Requests: { happy: 20, 'third-opinion': 20 },
  emails: { happy: 12, 'third-opinion': 16 },
  stateBytes: 4096,
} as const;

/** List prices, us-east-1 (USD). */
const PRICES = {
  transition: 0.025 / 1000, // Step Functions Standard
  writeUnit: 0.625 / 1e6, // DynamoDB on-demand write request unit
  readUnit: 0.125 / 1e6, // DynamoDB on-demand read request unit
  email: 0.1 / 1000, // SES outbound
  lambdaGbSecond: 0.0000166667, // Lambda x86
  lambdaRequest: 0.2 / 1e6,
  lambdaGb: 128 / 1024, // 128 MB functions
  s3Put: 0.005 / 1000, // S3 Standard PUT, COPY, POST, LIST
  s3Get: 0.0004 / 1000, // S3 Standard GET, HEAD and others
  apiRequest: 3.5 / 1e6, // API Gateway REST, first 333 million a month
};

interface CaseCounts {
  path: CasePath;
  transitions: number;
  dynamo: Map<string, number>;
  readUnits: number;
  writeUnits: number;
  conditionFailures: number;
  /** SDK calls by operation, plus the patient's presigned PUTs. */
  s3: Map<string, number>;
  emails: number;
  sfnCalls: Map<string, number>;
  /** Handler invocations and their billed milliseconds (each rounded up to 1 ms, as Lambda bills). */
  lambdaInvocations: number;
  lambdaBilledMs: number;
  apiRequests: number;
  largestState: { bytes: number; state: string; direction: string };
  seconds: number;
}

const sum = (counts: ReadonlyMap<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
const S3_PUT_CLASS = /^(Put|Copy|Post|List|CreateMultipart|UploadPart|CompleteMultipart)/;
const API_HANDLERS = new Set(ROUTES.map((route) => route.handler));

async function runCase(observed: ObservedStack, path: CasePath): Promise<CaseCounts> {
  const { tap } = observed;
  await observed.idle();
  tap.reset();
  observed.calls.length = 0;
  const started = performance.now();
  const driven = await driveCase(observed.context, path);
  await observed.idle();
  const seconds = (performance.now() - started) / 1000;
  if (driven.status !== 'SUCCEEDED') throw new Error(`Case ${driven.caseId} ended ${driven.status}`);
  const log = observed.executionOf(driven.caseId)!;
  const s3 = tap.byOperation('S3');
  s3.set('PutObject (presigned, by the patient)', driven.presignedPuts);
  observed.mailbox.forget(driven.caseId);
  return {
    path,
    transitions: log.entered.length,
    dynamo: tap.byOperation('DynamoDB'),
    readUnits: tap.units.read,
    writeUnits: tap.units.write,
    conditionFailures: tap.conditionFailures,
    s3,
    emails: tap.byOperation('SESv2').get('SendEmail') ?? 0,
    sfnCalls: tap.byOperation('SFN'),
    lambdaInvocations: observed.calls.length,
    lambdaBilledMs: observed.calls.reduce((total, call) => total + Math.ceil(call.ms), 0),
    apiRequests: observed.calls.filter((call) => API_HANDLERS.has(call.handler)).length,
    largestState: log.largestState,
    seconds,
  };
}

function dollarsPer1000(c: CaseCounts) {
  const s3Puts = [...c.s3].filter(([op]) => S3_PUT_CLASS.test(op)).reduce((a, [, n]) => a + n, 0);
  const s3Gets = sum(c.s3) - s3Puts;
  const lambdaGbSeconds = (c.lambdaBilledMs / 1000) * PRICES.lambdaGb;
  const parts = {
    'Step Functions transitions': c.transitions * PRICES.transition,
    'DynamoDB writes': c.writeUnits * PRICES.writeUnit,
    'DynamoDB reads': c.readUnits * PRICES.readUnit,
    'SES emails': c.emails * PRICES.email,
    'Lambda (128 MB)': lambdaGbSeconds * PRICES.lambdaGbSecond + c.lambdaInvocations * PRICES.lambdaRequest,
    'S3 requests': s3Puts * PRICES.s3Put + s3Gets * PRICES.s3Get,
    'API Gateway requests': c.apiRequests * PRICES.apiRequest,
  };
  return Object.fromEntries(Object.entries(parts).map(([name, dollars]) => [name, dollars * 1000]));
}

const observed = await ObservedStack.start({ recordCalls: true });
const failures: string[] = [];
try {
  // A first case warms every handler: its one-off requests (the signing secret, read once per cold start)
  // are not a case's.
  await runCase(observed, 'happy');
  const results = new Map<CasePath, CaseCounts[]>();
  for (const path of ['happy', 'third-opinion'] as const) {
    const runs: CaseCounts[] = [];
    for (let i = 0; i < CASES_PER_PATH; i++) runs.push(await runCase(observed, path));
    results.set(path, runs);
  }

  console.warn(
    `Counts per case on real local executions (${CASES_PER_PATH} cases per path after a warm-up case, one at a time).\n` +
      'Where the cases of a path differ, the table shows min–max and the budget check takes the max.\n',
  );
  const range = (values: number[], digits = 0) => {
    const [lo, hi] = [Math.min(...values), Math.max(...values)];
    return lo === hi ? lo.toFixed(digits) : `${lo.toFixed(digits)}–${hi.toFixed(digits)}`;
  };
  const rows: string[][] = [];
  const row = (
    label: string,
    pick: (c: CaseCounts) => number,
    budget?: Partial<Record<CasePath, number>>,
    digits = 0,
  ) => {
    const cells = [label];
    for (const path of ['happy', 'third-opinion'] as const) {
      const values = results.get(path)!.map(pick);
      const limit = budget?.[path];
      const over = limit !== undefined && Math.max(...values) > limit;
      if (over) failures.push(`${label} (${path}) ${Math.max(...values)} > ${limit}`);
      cells.push(range(values, digits), limit === undefined ? '' : `≤ ${limit}${over ? ' OVER' : ' ok'}`);
    }
    rows.push(cells);
  };
  row('state transitions', (c) => c.transitions, BUDGETS.transitions);
  row('DynamoDB requests', (c) => sum(c.dynamo), BUDGETS.dynamoRequests);
  const operations = new Set([...results.values()].flat().flatMap((c) => [...c.dynamo.keys()]));
  for (const op of [...operations].sort()) row(`  ${op}`, (c) => c.dynamo.get(op) ?? 0);
  row('  of which writes refused by condition', (c) => c.conditionFailures);
  row('DynamoDB write units', (c) => c.writeUnits, undefined, 1);
  row('DynamoDB read units', (c) => c.readUnits, undefined, 1);
  row('S3 requests', (c) => sum(c.s3), BUDGETS.s3Requests);
  const s3Ops = new Set([...results.values()].flat().flatMap((c) => [...c.s3.keys()]));
  for (const op of [...s3Ops].sort()) row(`  ${op}`, (c) => c.s3.get(op) ?? 0);
  row('emails (SES SendEmail)', (c) => c.emails, BUDGETS.emails);
  const sfnOps = new Set([...results.values()].flat().flatMap((c) => [...c.sfnCalls.keys()]));
  for (const op of [...sfnOps].sort()) row(`Step Functions API ${op}`, (c) => c.sfnCalls.get(op) ?? 0);
  row('Lambda invocations', (c) => c.lambdaInvocations);
  row('  of them API Gateway requests', (c) => c.apiRequests);
  row('Lambda billed ms (local)', (c) => c.lambdaBilledMs);
  console.warn(formatTable(['per case', 'happy', 'budget', 'third opinion', 'budget'], rows));

  console.warn(
    '\nDollars per 1,000 cases at list prices (Step Functions Standard $0.025/1k transitions; DynamoDB on-demand\n' +
      '$0.625/M write units, $0.125/M read units; SES $0.10/1k emails; Lambda 128 MB at $0.0000166667/GB-s +\n' +
      '$0.20/M requests; S3 Standard $0.005/1k PUT, $0.0004/1k GET/HEAD; API Gateway REST $3.50/M requests).\n' +
      'Lambda from the median case’s measured durations here, in-process against emulators on a shared 2-core\n' +
      'machine (the emulators’ work is inside them): an upper bound for AWS.\n',
  );
  const medianCase = (path: CasePath): CaseCounts => {
    const runs = results.get(path)!;
    const middle = median(runs.map((c) => c.lambdaBilledMs));
    return runs.reduce((best, c) =>
      Math.abs(c.lambdaBilledMs - middle) < Math.abs(best.lambdaBilledMs - middle) ? c : best,
    );
  };
  const happy = dollarsPer1000(medianCase('happy'));
  const third = dollarsPer1000(medianCase('third-opinion'));
  const money = (d: number) => `$${d.toFixed(d < 0.1 ? 4 : 2)}`;
  const costRows = Object.keys(happy).map((name) => [name, money(happy[name]!), money(third[name]!)]);
  const total = (parts: Record<string, number>) => Object.values(parts).reduce((a, b) => a + b, 0);
  costRows.push(['total', money(total(happy)), money(total(third))]);
  console.warn(formatTable(['per 1,000 cases', 'happy', 'third opinion'], costRows));

  console.warn(
    `\nState payload: the largest state input or output (JSON, UTF-8 bytes) of each path; budget ≤ ${BUDGETS.stateBytes}.\n`,
  );
  const payloadRows = [...results].map(([path, runs]) => {
    const largest = runs.map((c) => c.largestState).reduce((a, b) => (b.bytes > a.bytes ? b : a));
    const over = largest.bytes > BUDGETS.stateBytes;
    if (over) failures.push(`state payload (${path}) ${largest.bytes} > ${BUDGETS.stateBytes}`);
    return [path, String(largest.bytes), `${largest.state} (${largest.direction})`, over ? 'OVER' : 'ok'];
  });
  console.warn(formatTable(['path', 'bytes', 'where', 'budget'], payloadRows));
  const seconds = [...results.values()].flat().map((c) => c.seconds);
  console.warn(
    `\n(A case took ${median(seconds).toFixed(1)} s end to end here, median; times are not budgeted.)`,
  );
} finally {
  await observed.stop();
}

if (failures.length > 0) {
  console.error(`\nOver budget: ${failures.join('; ')}`);
  process.exitCode = 1;
}
