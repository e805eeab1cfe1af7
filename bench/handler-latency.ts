/**
 * Warm handler latency in-process against the embedded emulators (issue 8, part 3, restated by issue 22 as a
 * ratio, since this machine and its emulators set the floor): the intake's and each workflow step handler's p99
 * ≤ (its sequential request count + 2) × one bare DynamoDB request's p99, both measured in the same run. A call's
 * sequential requests are counted by the SDK tap (RequestChain: requests in flight together count once); a row's
 * count is the 99th percentile of its calls'.
 *
 * Intake: the create-case handler module is called directly with an API Gateway proxy event, as
 * infra/local/handlers.ts loads and calls it, one intake at a time, each after the stack has gone quiet (the
 * workflow the intake starts runs its first steps in the background).
 * Steps: cases are driven end to end one at a time (happy and third-opinion paths) and every handler call the
 * local runner makes — the handler module called in-process with its step event, as Lambda would — is timed
 * around the call alone, its module already loaded. The simulated people answer only once no handler is at
 * work, so no call overlaps another.
 * Each round gives a p50 and p99 per handler; the table shows the median over rounds. Beside it: the
 * DynamoDB and other AWS requests a call makes, and the bare cost of one DynamoDB request on the same
 * emulator, which bounds how fast a handler making that many sequential requests can be here.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { ItemClient } from '../functions/adapters/item-client.js';
import { loadHandler } from '../infra/local/handlers.js';
import { lambdaContext } from '../infra/local/lambda-context.js';
import { ROOT_DIR } from '../infra/local/stack.js';
import { WORKFLOW_FUNCTIONS } from '../infra/routes.js';
import { exampleIntake } from '../test/support/intake.js';
import { driveCase, type CasePath } from './support/case-driver.js';
import { ObservedStack } from './support/observed-stack.js';
import { RequestChain } from './support/sdk-tap.js';
import { median, percentile } from './support/stats.js';
import { formatTable } from './support/table.js';

/** Round trips a call may spend beyond its sequential requests: the handler's own work, SDK and middleware. */
const SLACK_REQUESTS = 2;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const INTAKES_PER_ROUND = 100;
const CASES_PER_ROUND: CasePath[] = [
  ...Array<CasePath>(16).fill('happy'),
  ...Array<CasePath>(4).fill('third-opinion'),
];
const STEP_HANDLERS = new Set(Object.values(WORKFLOW_FUNCTIONS));
const INTAKE = 'create-case';

/** The event API Gateway (REST, proxy) gives the intake handler for POST /cases. */
function intakeEvent(): APIGatewayProxyEvent {
  const body = JSON.stringify(exampleIntake());
  return {
    resource: '/cases',
    path: '/cases',
    httpMethod: 'POST',
    headers: { 'Content-Type': 'application/json' },
    multiValueHeaders: { 'Content-Type': ['application/json'] },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: 'POST',
      identity: {
        sourceIp: '127.0.0.1',
        userAgent: 'bench',
      } as APIGatewayProxyEvent['requestContext']['identity'],
      path: '/cases',
      stage: 'local',
      requestId: randomUUID(),
      requestTimeEpoch: Date.now(),
      resourceId: 'local',
      resourcePath: '/cases',
    },
  };
}

/** A row key: the handler, and for the generic callback step the callback it requests. */
function rowKey(handler: string, event: unknown): string {
  if (handler !== 'request-callback') return handler;
  const { kind, purpose } = event as { kind?: string; purpose?: string };
  return `request-callback (${kind}/${purpose})`;
}

const observed = await ObservedStack.start({ recordCalls: true, specialistCapacity: 10_000 });
observed.tap.measureCapacity = false; // the requests exactly as the handlers make them
const createCase = await loadHandler(ROOT_DIR, INTAKE);

async function directIntakes(count: number): Promise<{ times: number[]; sequential: number[] }> {
  const times: number[] = [];
  const sequential: number[] = [];
  for (let i = 0; i < count; i++) {
    await observed.idle();
    const chain = new RequestChain();
    const started = performance.now();
    const result = (await observed.asCaller(
      INTAKE,
      () => createCase(intakeEvent(), lambdaContext(INTAKE)),
      chain,
    )) as {
      statusCode: number;
      body: string;
    };
    times.push(performance.now() - started);
    sequential.push(chain.deepest);
    if (result.statusCode !== 201)
      throw new Error(`create-case answered ${result.statusCode}: ${result.body}`);
    observed.mailbox.forget((JSON.parse(result.body) as { caseId: string }).caseId);
  }
  return { times, sequential };
}

async function quietCases(paths: readonly CasePath[]): Promise<void> {
  const context = { ...observed.context, beforeAnswer: () => observed.idle() };
  for (const path of paths) {
    const driven = await driveCase(context, path);
    if (driven.status !== 'SUCCEEDED') throw new Error(`Case ${driven.caseId} ended ${driven.status}`);
    observed.mailbox.forget(driven.caseId);
  }
}

/** One DynamoDB request alone on the same emulator: the floor under every request a handler makes. */
async function bareRequestMs(): Promise<{
  get: number;
  put: number;
  getP99: number;
  putP99: number;
  p99: number;
}> {
  // Set up as the functions' client is (functions/shared/clients/dynamo.ts).
  const client = new DynamoDBClient({ cacheMiddleware: true });
  const db = new ItemClient(client);
  const item = { PK: 'BENCH#latency', SK: 'ITEM', payload: 'x'.repeat(1024) };
  const gets: number[] = [];
  const puts: number[] = [];
  try {
    for (let i = 0; i < 400; i++) {
      let started = performance.now();
      await db.put({ TableName: 'concord', Item: { ...item, n: i } });
      if (i >= 100) puts.push(performance.now() - started);
      started = performance.now();
      await db.get({ TableName: 'concord', Key: { PK: item.PK, SK: item.SK }, ConsistentRead: true });
      if (i >= 100) gets.push(performance.now() - started);
    }
  } finally {
    client.destroy();
  }
  return {
    get: median(gets),
    put: median(puts),
    getP99: percentile(gets, 99),
    putP99: percentile(puts, 99),
    // One bare request, whichever: the gets and puts together.
    p99: percentile([...gets, ...puts], 99),
  };
}

const failures: string[] = [];
try {
  const started = performance.now();
  // Warm-up: every handler and path loaded and run before anything is timed.
  await directIntakes(10);
  await quietCases(['happy', 'third-opinion', 'happy']);
  await observed.idle();
  observed.calls.length = 0;
  observed.tap.reset();

  const rounds: Array<Map<string, number[]>> = [];
  // Each row's calls' sequential request counts, over all rounds.
  const sequentialByKey = new Map<string, number[]>();
  const addSequential = (key: string, counts: readonly number[]) =>
    sequentialByKey.set(key, [...(sequentialByKey.get(key) ?? []), ...counts]);
  // Calls per handler over all rounds, to share out the requests the tap attributed to each.
  const callsByHandler = new Map<string, number>();
  const countCall = (handler: string, n = 1) =>
    callsByHandler.set(handler, (callsByHandler.get(handler) ?? 0) + n);
  for (let round = 1; round <= ROUNDS; round++) {
    if (process.stderr.isTTY) process.stderr.write(`\rround ${round}/${ROUNDS}`);
    observed.calls.length = 0;
    // The workflow each direct intake starts runs its first steps before the next intake: samples too.
    const intakes = await directIntakes(INTAKES_PER_ROUND);
    const samples = new Map<string, number[]>([[INTAKE, intakes.times]]);
    addSequential(INTAKE, intakes.sequential);
    countCall(INTAKE, INTAKES_PER_ROUND);
    await quietCases(CASES_PER_ROUND);
    await observed.idle();
    for (const call of observed.calls) {
      countCall(call.handler);
      if (call.handler === INTAKE) continue; // the direct intakes are the intake's figures
      const key = rowKey(call.handler, call.event);
      samples.set(key, [...(samples.get(key) ?? []), call.ms]);
      addSequential(key, [call.sequential]);
    }
    rounds.push(samples);
  }
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  const bare = await bareRequestMs();

  const requestsPerCall = (handler: string) => {
    const requests = observed.tap.requestsByCaller.get(handler) ?? new Map<string, number>();
    let dynamo = 0;
    let other = 0;
    for (const [key, count] of requests) {
      if (key.startsWith('DynamoDB ')) dynamo += count;
      else other += count;
    }
    const calls = callsByHandler.get(handler) ?? 1;
    return { dynamo: dynamo / calls, other: other / calls };
  };

  const keys = [...new Set(rounds.flatMap((r) => [...r.keys()]))].sort((a, b) => {
    const rank = (k: string) => (k === INTAKE ? 0 : STEP_HANDLERS.has(k.split(' ')[0]!) ? 1 : 2);
    return rank(a) - rank(b) || a.localeCompare(b);
  });
  const rows = keys.map((key) => {
    const handler = key.split(' ')[0]!;
    const perRound = rounds.map((r) => r.get(key) ?? []).filter((s) => s.length > 0);
    const p50 = median(perRound.map((s) => percentile(s, 50)));
    const p99 = median(perRound.map((s) => percentile(s, 99)));
    const budgeted = handler === INTAKE || STEP_HANDLERS.has(handler);
    const sequential = percentile(sequentialByKey.get(key) ?? [0], 99);
    const budget = (sequential + SLACK_REQUESTS) * bare.p99;
    const over = budgeted && p99 > budget;
    if (over)
      failures.push(
        `${key} p99 ${p99.toFixed(1)} ms > (${sequential} + ${SLACK_REQUESTS}) × ${bare.p99.toFixed(1)}`,
      );
    const { dynamo, other } = requestsPerCall(handler);
    return [
      key,
      handler === INTAKE ? 'intake' : STEP_HANDLERS.has(handler) ? 'step' : 'other',
      String(median(perRound.map((s) => s.length))),
      p50.toFixed(1),
      p99.toFixed(1),
      String(sequential),
      budgeted ? `≤ ${budget.toFixed(1)}${over ? ' OVER' : ' ok'}` : '',
      dynamo.toFixed(1),
      other.toFixed(1),
      (dynamo * bare.get).toFixed(1),
    ];
  });

  console.warn(
    `Warm handler latency, in-process against the embedded emulators; ${ROUNDS} rounds, each of ${INTAKES_PER_ROUND} direct\n` +
      `intakes (each starting a workflow that runs to the records request) and ${CASES_PER_ROUND.length} cases driven one at a time (${CASES_PER_ROUND.filter((p) => p === 'happy').length} happy, ` +
      `${CASES_PER_ROUND.filter((p) => p !== 'happy').length} third-opinion). ms, median over rounds of each round's percentile.\n` +
      'With n < 100 a p99 is the round’s slowest call. The machine is shared (2 cores, other test runs): times drift.\n' +
      'Requests: per call, over all rounds (request-callback rows share their handler’s average). Floor: DynamoDB\n' +
      'requests × the median time of one bare request on the same emulator, made alone. seq: the AWS requests on\n' +
      `a call's critical path (p99 of its calls); budget p99: (seq + ${SLACK_REQUESTS}) × one bare request's p99.\n`,
  );
  console.warn(
    formatTable(
      [
        'handler',
        'kind',
        'n/round',
        'p50',
        'p99',
        'seq',
        'budget p99',
        'DynamoDB req',
        'other req',
        'floor ms',
      ],
      rows,
    ),
  );
  console.warn('\nRequests per call, by operation (the sequential round trips behind each time above):\n');
  const handlers = [...new Set(keys.map((key) => key.split(' ')[0]!))];
  console.warn(
    formatTable(
      ['handler', 'requests per call'],
      handlers.map((handler) => {
        const calls = callsByHandler.get(handler) ?? 1;
        const requests = [...(observed.tap.requestsByCaller.get(handler) ?? new Map<string, number>())]
          .sort((a, b) => b[1] - a[1])
          .map(
            ([key, count]) =>
              `${key.replace(/^(DynamoDB|SESv2|SFN|S3|Secrets Manager) /, '$1:')} ${(count / calls).toFixed(1)}`,
          );
        return [handler, requests.join(', ')];
      }),
    ),
  );
  console.warn(
    `\nOne bare DynamoDB request on this emulator (1 KB item, 300 each, alone): GetItem p50 ${bare.get.toFixed(2)} ms` +
      ` (p99 ${bare.getP99.toFixed(1)}), PutItem p50 ${bare.put.toFixed(2)} ms (p99 ${bare.putP99.toFixed(1)});` +
      ` either, p99 ${bare.p99.toFixed(1)} ms.`,
  );
  console.warn(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
} finally {
  await observed.stop();
}

if (failures.length > 0) {
  console.warn(
    '\nWhere the time goes: a handler here is mostly its sequential AWS round trips (the floor column), each one\n' +
      "SDK work (serialize, sign, HTTP) and emulator work (HTTP, dynalite, LevelDB, on the emulators' thread); the\n" +
      'handlers’ own code is about 1% of the CPU profile (npm run bench:profile -- bench/handler-latency.ts).',
  );
  console.error(`\nOver the p99 budget: ${failures.join('; ')}`);
  process.exitCode = 1;
}
