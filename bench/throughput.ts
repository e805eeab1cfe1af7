/**
 * Throughput of the embedded stack (issue 8, part 5): 500 cases driven end to end at once — the patient
 * uploading records, the coordinator approving, the specialists accepting and answering, each as soon as
 * their email arrives — on this machine: ≥ 60% of the ceiling below (issue 22), resident memory ≤ 512 MB. The same number of
 * bare DynamoDB writes as the cases made, on the same emulator with the same concurrency, gives a ratio that
 * means something on another machine. Bare reads as well (GetItems standing in for the cases' GetItems, Queries
 * and BatchGetItems, which cost at least as much) give the most the emulator allows for the case's DynamoDB
 * requests alone, with nothing else run: an upper bound for the throughput here.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ItemClient } from '../functions/adapters/item-client.js';
import { driveCase } from './support/case-driver.js';
import { ObservedStack } from './support/observed-stack.js';
import { formatTable } from './support/table.js';

const CASES = Number(process.env.BENCH_CASES ?? 500);
/** Cases in flight at once: people answer as mail arrives; new intakes keep coming while others finish. */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
/**
 * Issue 22 restated the throughput budget as a share of the ceiling measured in the same run (the cases' DynamoDB
 * writes and reads, each at the emulator's bare rate, nothing else run): this machine and its emulators set it.
 */
const BUDGETS = { shareOfCeiling: 0.6, rssMiB: 512 };
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
const MiB = 1024 * 1024;

class Progress {
  private lastLine = '';
  private lastPrinted = -1;

  constructor(
    private readonly total: number,
    private readonly started: number,
  ) {}

  update(done: number, failed: number, rss: number): void {
    const width = 30;
    const filled = Math.round((done / this.total) * width);
    const seconds = (performance.now() - this.started) / 1000;
    const line =
      `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${this.total} cases` +
      `${failed ? `, ${failed} failed` : ''}, ${(done / Math.max(seconds, 0.001)).toFixed(1)}/s, ` +
      `${seconds.toFixed(0)} s, RSS ${(rss / MiB).toFixed(0)} MiB`;
    if (process.stderr.isTTY) {
      if (line !== this.lastLine) process.stderr.write(`\r${line}`);
    } else {
      // Not a terminal (CI, a log): a line per tenth.
      const tenth = Math.floor((done / this.total) * 10);
      if (tenth !== this.lastPrinted) console.warn(line);
      this.lastPrinted = tenth;
    }
    this.lastLine = line;
  }

  end(): void {
    if (process.stderr.isTTY) process.stderr.write(`\r${this.lastLine}\n`);
  }
}

/**
 * `count` bare requests by `concurrency` callers, answering seconds: PutItems of `bytes`-sized items, or
 * strongly consistent GetItems of the items those PutItems wrote.
 */
async function bareRequests(
  kind: 'PutItem' | 'GetItem',
  endpoint: string,
  count: number,
  concurrency: number,
  bytes: number,
): Promise<number> {
  // Set up as the functions' client is (functions/shared/clients/dynamo.ts).
  const client = new DynamoDBClient({ endpoint, cacheMiddleware: true });
  const db = new ItemClient(client);
  const payload = 'x'.repeat(bytes);
  const request = (n: number) =>
    kind === 'PutItem'
      ? db.put({ TableName: 'concord', Item: { PK: `BENCH#${n}`, SK: 'BARE', n, payload } })
      : db.get({ TableName: 'concord', Key: { PK: `BENCH#${n}`, SK: 'BARE' }, ConsistentRead: true });
  let next = 0;
  try {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) await request(next++);
      }),
    );
    return (performance.now() - started) / 1000;
  } finally {
    client.destroy();
  }
}

const observed = await ObservedStack.start({
  // 500 cases share the demo's specialists: enough capacity that none is refused for load.
  specialistCapacity: 10 * CASES,
  settings: { CONCORD_APPROVAL_TIMEOUT_SECONDS: '7200', CONCORD_OPINION_SLA_SECONDS: '7200' },
});
observed.tap.measureCapacity = false;
const failures: string[] = [];
try {
  // Warm every handler once, outside the timed run.
  await driveCase(observed.context, 'happy');
  await observed.idle();
  observed.tap.reset();

  let done = 0;
  let failed = 0;
  let maxRss = process.memoryUsage().rss;
  const errors = new Map<string, number>();
  const started = performance.now();
  // Where the CPU goes: all threads' CPU time, and how busy the main thread (handlers, Step Functions) is.
  const cpuAtStart = process.cpuUsage();
  const loopAtStart = performance.eventLoopUtilization();
  const progress = new Progress(CASES, started);
  const sampler = setInterval(() => {
    maxRss = Math.max(maxRss, process.memoryUsage().rss);
    progress.update(done, failed, maxRss);
  }, 250);
  let launched = 0;
  const context = { ...observed.context };
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (launched < CASES) {
        launched++;
        try {
          const driven = await driveCase(context, 'happy');
          observed.mailbox.forget(driven.caseId);
          if (driven.status !== 'SUCCEEDED') throw new Error(`execution ${driven.status}`);
        } catch (error) {
          failed++;
          const message = (error as Error).message.replace(/[0-9a-f-]{36}/g, '…');
          errors.set(message, (errors.get(message) ?? 0) + 1);
        }
        done++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const mainBusy = performance.eventLoopUtilization(loopAtStart).utilization;
  clearInterval(sampler);
  maxRss = Math.max(maxRss, process.memoryUsage().rss);
  progress.update(done, failed, maxRss);
  progress.end();

  // Counted before the bare writes below, which the tap sees too.
  const dynamo = observed.tap.byOperation('DynamoDB');
  const dynamoTotal = observed.tap.total('DynamoDB');
  const otherTotal = [...observed.tap.requests]
    .filter(([key]) => !key.startsWith('DynamoDB '))
    .reduce((a, [, n]) => a + n, 0);
  const conditionFailures = observed.tap.conditionFailures;
  const writes = [...dynamo].filter(([op]) => WRITES.has(op)).reduce((a, [, n]) => a + n, 0);
  const writesPerCase = writes / CASES;
  const readsPerCase = (dynamoTotal - writes) / CASES;
  const bareCount = Math.round(writesPerCase) * CASES;
  const endpoint = observed.stack.urls.dynamodb;
  const bareSeconds = await bareRequests('PutItem', endpoint, bareCount, CONCURRENCY, 1024);
  // Reads of the items just written (as many as the cases read, up to one each).
  const bareReadCount = Math.min(Math.round(readsPerCase * CASES), bareCount);
  const bareReadSeconds = await bareRequests('GetItem', endpoint, bareReadCount, CONCURRENCY, 1024);
  // A case's DynamoDB requests alone, each at its bare rate, nothing else run.
  const bareSecondsPerCase =
    (writesPerCase * bareSeconds) / bareCount + (readsPerCase * bareReadSeconds) / bareReadCount;

  const casesPerSecond = (CASES - failed) / seconds;
  const ceiling = 1 / bareSecondsPerCase;
  const share = casesPerSecond / ceiling;
  const rssMiB = maxRss / MiB;
  if (failed > 0) failures.push(`${failed} cases did not complete`);
  if (share < BUDGETS.shareOfCeiling)
    failures.push(
      `${casesPerSecond.toFixed(1)} cases/s, ${(100 * share).toFixed(0)}% of ${ceiling.toFixed(1)}`,
    );
  if (rssMiB > BUDGETS.rssMiB) failures.push(`RSS ${rssMiB.toFixed(0)} MiB`);
  console.warn(
    `\n${CASES} happy-path cases end to end on the embedded stack, ${CONCURRENCY} in flight at a time, every person\n` +
      'answering as soon as the email arrives (no reminder or timeout can fire: 2 h). One process: the storage and\n' +
      'mail emulators on a thread of their own; the handlers, Step Functions and the simulated people on the main\n' +
      'one. 2 shared cores, so the times drift with other load.\n',
  );
  console.warn(
    formatTable(
      ['figure', 'value', 'budget'],
      [
        ['cases completed', `${CASES - failed}/${CASES}`, 'all'],
        ['wall time', `${seconds.toFixed(1)} s`, ''],
        ['throughput', `${casesPerSecond.toFixed(2)} cases/s`, ''],
        [
          'resident memory, peak',
          `${rssMiB.toFixed(0)} MiB`,
          `≤ ${BUDGETS.rssMiB}${rssMiB > BUDGETS.rssMiB ? ' OVER' : ' ok'}`,
        ],
        ['CPU per case, all threads', `${((1000 * cpuSeconds) / CASES).toFixed(0)} ms`, ''],
        ['cores busy on average (of ' + cpus().length + ')', (cpuSeconds / seconds).toFixed(2), ''],
        ['main thread busy (handlers, SDK, Step Functions)', `${(100 * mainBusy).toFixed(0)}%`, ''],
        [
          'ceiling set by CPU per case, every core busy',
          `${(cpus().length / (cpuSeconds / CASES)).toFixed(1)} cases/s`,
          '',
        ],
        ['DynamoDB requests per case', (dynamoTotal / CASES).toFixed(1), ''],
        ...[...dynamo].sort().map(([op, n]) => [`  ${op}`, (n / CASES).toFixed(1), '']),
        ['  writes refused by their condition', (conditionFailures / CASES).toFixed(1), ''],
        ['DynamoDB writes per case', writesPerCase.toFixed(1), ''],
        ['other AWS requests per case', (otherTotal / CASES).toFixed(1), ''],
        [
          `bare writes: ${bareCount} PutItem (1 KB), ${CONCURRENCY} writers`,
          `${bareSeconds.toFixed(1)} s (${(bareCount / bareSeconds).toFixed(0)}/s)`,
          '',
        ],
        ['cases time / bare writes time', (seconds / bareSeconds).toFixed(2), ''],
        // What the emulator alone allows: its bare write rate over the writes a case makes, nothing else run.
        [
          'ceiling set by the emulator’s writes alone',
          `${(bareCount / bareSeconds / writesPerCase).toFixed(1)} cases/s`,
          '',
        ],
        [
          `bare reads: ${bareReadCount} GetItem (strongly consistent), ${CONCURRENCY} readers`,
          `${bareReadSeconds.toFixed(1)} s (${(bareReadCount / bareReadSeconds).toFixed(0)}/s)`,
          '',
        ],
        ['ceiling set by the emulator’s writes and reads alone', `${ceiling.toFixed(1)} cases/s`, ''],
        [
          'throughput / that ceiling',
          `${(100 * share).toFixed(0)}%`,
          `≥ ${100 * BUDGETS.shareOfCeiling}%${share < BUDGETS.shareOfCeiling ? ' MISSED' : ' ok'}`,
        ],
      ],
    ),
  );
  if (errors.size > 0) {
    console.warn('\nFailures:');
    for (const [message, count] of errors) console.warn(`  ${count} × ${message}`);
  }
} finally {
  await observed.stop();
}

if (failures.length > 0) {
  console.error(`\nMissed: ${failures.join('; ')}`);
  process.exitCode = 1;
}
