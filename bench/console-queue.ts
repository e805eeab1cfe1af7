/**
 * The coordinators' work queue at scale (issue 22): DynamoCaseQueue on dynalite with 100, 10,000 and 100,000
 * cases. A page is one Query of GSI2 in the queue's order, so the items read per page do not grow with the
 * number of cases, and t(100,000) / t(100) <= 2, for the first page, a page on from a cursor, and a page
 * filtered by a range of the order (overdue only).
 *
 * Each size is a table of its own in one in-memory dynalite, seeded with BatchWriteItem in the CASE item's
 * shape (status, whom it waits on, since when, due, and its GSI2 keys from keys.ts's queueKeys); one in ten
 * cases is finished. The timed pages go round-robin over the sizes so drift on this shared machine falls on
 * all alike.
 */
import { performance } from 'node:perf_hooks';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoCaseQueue } from '../functions/adapters/dynamo-case-queue.js';
import { ItemClient } from '../functions/adapters/item-client.js';
import { caseKey, queueKeys } from '../functions/adapters/keys.js';
import type { CaseStatus } from '../functions/domain/case.js';
import type { QueueQuery } from '../functions/domain/queue.js';
import { ensureTable } from '../infra/local/bootstrap.js';
import { dynaliteTable } from '../test/support/dynalite.js';
import { batchWrite } from './support/batch-write.js';
import { median } from './support/stats.js';
import { formatTable } from './support/table.js';

const SIZES = (process.env.BENCH_SIZES?.split(',').map(Number) ?? [
  100, 10_000, 100_000,
]) as readonly number[];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const BUDGET_RATIO = 2;
const WRITERS = 8;
const NOW = new Date('2026-12-09T12:00:00.000Z');
const OPEN: readonly CaseStatus[] = [
  'awaiting-coordinator',
  'gathering-records',
  'awaiting-prior-authorization',
  'awaiting-opinion',
  'matching-specialist',
  'needs-attention',
];
const HOUR = 3_600_000;

/** Case n: its status (one in ten finished), since when, and due within ten days either side of now. */
function caseItem(n: number): Record<string, unknown> {
  const caseId = `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;
  const status: CaseStatus = n % 10 === 9 ? 'completed' : OPEN[n % OPEN.length]!;
  const waitingSince = new Date(NOW.getTime() - ((n * 7919) % 240) * HOUR).toISOString();
  const dueAt =
    status === 'completed'
      ? undefined
      : new Date(NOW.getTime() + (((n * 104_729) % 480) - 240) * HOUR).toISOString();
  return {
    ...caseKey(caseId),
    ...queueKeys(caseId, { status, waitingSince, ...(dueAt ? { dueAt } : {}) }),
    caseId,
    status,
    cancerType: 'breast',
    waitingSince,
    ...(dueAt ? { dueAt } : {}),
    intake: { urgency: n % 4 ? 'routine' : 'expedited', insurance: { payerId: 'acme-health' } },
  };
}

async function seed(db: DynamoDBDocumentClient, table: string, size: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < size) {
        const from = next;
        next = Math.min(size, next + 25);
        const items = [];
        for (let n = from; n < next; n++) items.push(caseItem(n));
        await batchWrite(db, table, items);
      }
    }),
  );
}

const PAGES: Array<[string, (queue: DynamoCaseQueue) => Promise<{ itemsRead: number }>]> = [
  ['first page', (queue) => queue.page({ view: 'open', limit: 25, now: NOW })],
  [
    'first then next page (two Queries)',
    async (queue) => {
      const first = await queue.page({ view: 'open', limit: 25, now: NOW });
      return queue.page({ view: 'open', limit: 25, now: NOW, cursor: first.next! } satisfies QueueQuery);
    },
  ],
  ['overdue only', (queue) => queue.page({ view: 'open', limit: 25, now: NOW, overdue: true })],
];

const table = await dynaliteTable('concord-queue-100');
const doc = DynamoDBDocumentClient.from(table.raw);
const failures: string[] = [];
try {
  const queues = new Map<number, DynamoCaseQueue>();
  for (const size of SIZES) {
    const name = `concord-queue-${size}`;
    if (size !== 100) await ensureTable(table.raw, name);
    const started = performance.now();
    await seed(doc, name, size);
    console.warn(`seeded ${size} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    queues.set(size, new DynamoCaseQueue(new ItemClient(table.raw), name));
  }
  const rows: string[][] = [];
  for (const [label, read] of PAGES) {
    const times = new Map<number, number[]>(SIZES.map((size) => [size, []]));
    const itemsRead = new Map<number, number>();
    for (let round = 0; round < ROUNDS + 3; round++) {
      for (const size of [...SIZES].sort(() => Math.random() - 0.5)) {
        const started = performance.now();
        const page = await read(queues.get(size)!);
        if (round >= 3) times.get(size)!.push(performance.now() - started);
        itemsRead.set(size, page.itemsRead);
      }
    }
    const base = median(times.get(SIZES[0]!)!);
    for (const size of SIZES) {
      const ratio = median(times.get(size)!) / base;
      const sameItems = itemsRead.get(size) === itemsRead.get(SIZES[0]!);
      const ok = ratio <= BUDGET_RATIO && sameItems;
      if (!ok) failures.push(`${label} at ${size} cases`);
      rows.push([
        label,
        size.toLocaleString('en-US'),
        median(times.get(size)!).toFixed(2),
        ratio.toFixed(2),
        `<= ${BUDGET_RATIO} ${ok ? 'ok' : 'OVER'}`,
        String(itemsRead.get(size)),
      ]);
    }
  }
  console.warn(
    `\nQueue pages of 25 (median of ${ROUNDS} after 3 warm-up rounds; in-memory dynalite, shared machine).\n` +
      'Items read: what DynamoDB read to answer (the Query items, one more than a page tells a next one).\n',
  );
  console.warn(formatTable(['page', 'cases', 'median ms', 't / t(100)', 'budget', 'items read'], rows));
} finally {
  doc.destroy();
  await table.close();
}

if (failures.length > 0) {
  console.error(`\nOver budget: ${failures.join('; ')}`);
  process.exitCode = 1;
}
