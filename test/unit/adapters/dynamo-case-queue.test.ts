import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { DynamoCaseIntake } from '../../../functions/adapters/dynamo-case-intake.js';
import { DynamoCaseQueue, MAX_ITEMS_READ_PER_PAGE } from '../../../functions/adapters/dynamo-case-queue.js';
import { caseKey, queueKeys } from '../../../functions/adapters/keys.js';
import { ItemClient } from '../../../functions/adapters/item-client.js';
import type { CaseRecord, CaseStatus } from '../../../functions/domain/case.js';
import type { QueueQuery } from '../../../functions/domain/queue.js';
import { IntakeSchema, type IntakeInput } from '../../../functions/schemas/intake.js';
import { ValidationError } from '../../../functions/shared/errors.js';
import { dynaliteTable, type DynaliteTable } from '../../support/dynalite.js';
import { exampleIntake } from '../../support/intake.js';

const TABLE = 'concord-queue-test';
let table: DynaliteTable;
let db: ItemClient;
let cases: DynamoCaseIntake;
let queue: DynamoCaseQueue;

beforeAll(async () => {
  table = await dynaliteTable(TABLE);
  db = new ItemClient(table.raw);
  cases = new DynamoCaseIntake(db, TABLE);
  queue = new DynamoCaseQueue(db, TABLE);
}, 30_000);

afterAll(async () => {
  await table?.close();
});

const NOW = new Date();
const hours = (n: number) => new Date(NOW.getTime() + n * 3_600_000).toISOString();
let counter = 0;

/** A case stored as intake stores it, moved to `status` by a step (with `dueAt`), as the workflow moves it. */
async function caseIn(
  status: CaseStatus,
  options: { dueAt?: string; intake?: Partial<IntakeInput>; cancerType?: CaseRecord['cancerType'] } = {},
): Promise<string> {
  const at = new Date().toISOString();
  const record: CaseRecord = {
    caseId: `q${String(++counter).padStart(3, '0')}-${status}`,
    status: 'received',
    version: 1,
    createdAt: at,
    updatedAt: at,
    accessTokenHash: 'hash',
    intake: IntakeSchema.parse({ ...exampleIntake(), ...options.intake }),
    cancerType: options.cancerType ?? 'breast',
    opinions: 1,
    steps: {},
    waitingSince: at,
  };
  await cases.create(record, { type: 'case-received' });
  if (status !== 'received') {
    await cases.recordStep(
      record.caseId,
      `to:${status}`,
      { status, ...(options.dueAt ? { dueAt: options.dueAt } : {}) },
      { type: status, actor: 'concord' },
      record,
    );
  }
  return record.caseId;
}

const query = (fields: Partial<QueueQuery>): QueueQuery => ({ view: 'open', limit: 25, now: NOW, ...fields });

/** Every page of a query, in order. */
async function allPages(fields: Partial<QueueQuery>) {
  const pages = [];
  let cursor: string | undefined;
  do {
    const page = await queue.page(query({ ...fields, cursor }));
    pages.push(page);
    cursor = page.next;
  } while (cursor);
  return pages;
}

describe('DynamoCaseQueue', () => {
  let ids: Record<string, string>;

  beforeAll(async () => {
    ids = {
      stoppedFirst: await caseIn('needs-attention'),
      dueLater: await caseIn('awaiting-opinion', { dueAt: hours(48) }),
      overdue: await caseIn('awaiting-coordinator', { dueAt: hours(-5) }),
      working: await caseIn('matching-specialist'),
      dueSoon: await caseIn('gathering-records', {
        dueAt: hours(2),
        intake: { urgency: 'expedited', insurance: { selfPay: true } },
        cancerType: 'lung',
      }),
      stoppedLater: await caseIn('needs-attention'),
      completed: await caseIn('completed'),
      closed: await caseIn('closed'),
    };
  }, 30_000);

  it('orders the open cases: needs-attention first (oldest first), then by due time, then nothing due', async () => {
    const page = await queue.page(query({}));

    expect(page.cases.map((c) => c.caseId)).toEqual([
      ids.stoppedFirst,
      ids.stoppedLater,
      ids.overdue,
      ids.dueSoon,
      ids.dueLater,
      ids.working,
    ]);
    expect(page.next).toBeUndefined();
    expect(page.cases[0]).not.toHaveProperty('GSI2PK');
  });

  it('keeps whom each case waits on and when it is due, as its status says', async () => {
    const page = await queue.page(query({}));
    const byId = new Map(page.cases.map((c) => [c.caseId, c]));

    expect(byId.get(ids.overdue)).toMatchObject({ waitingOn: 'coordinator', dueAt: hours(-5) });
    expect(byId.get(ids.dueSoon)).toMatchObject({ waitingOn: 'physician', dueAt: hours(2) });
    expect(byId.get(ids.stoppedFirst)?.waitingOn).toBe('coordinator');
    expect(byId.get(ids.working)).not.toHaveProperty('waitingOn');
    expect(byId.get(ids.working)?.waitingSince).toBe(byId.get(ids.working)?.steps['to:matching-specialist']);
  });

  it('lists the finished cases apart, the most recent first', async () => {
    const page = await queue.page(query({ view: 'finished' }));

    expect(page.cases.map((c) => c.caseId)).toEqual([ids.closed, ids.completed]);
  });

  it('moves a case when its status changes, and drops what it no longer waits on', async () => {
    const caseId = await caseIn('awaiting-coordinator', { dueAt: hours(1) });
    const record = (await cases.get(caseId))!;

    await cases.recordStep(caseId, 'on', { status: 'matching-specialist' }, { type: 'x' }, record);
    const moved = (await cases.get(caseId))!;
    await cases.recordStep(caseId, 'done', { status: 'completed' }, { type: 'y' }, moved);

    expect(moved).not.toHaveProperty('waitingOn');
    expect(moved).not.toHaveProperty('dueAt');
    expect((await queue.page(query({}))).cases.map((c) => c.caseId)).not.toContain(caseId);
    expect((await queue.page(query({ view: 'finished' }))).cases[0]?.caseId).toBe(caseId);
  });

  it('pages through the queue with the cursor: every case once, in order, reading one more than a page', async () => {
    const whole = (await queue.page(query({}))).cases.map((c) => c.caseId);

    const pages = await allPages({ limit: 2 });

    expect(pages.flatMap((p) => p.cases.map((c) => c.caseId))).toEqual(whole);
    expect(pages.slice(0, -1).every((p) => p.cases.length === 2 && p.itemsRead === 3)).toBe(true);
    expect(pages.at(-1)?.next).toBeUndefined();
  });

  it.each([
    ['status', { status: 'awaiting-opinion' as const }, ['dueLater']],
    ['needs-attention', { status: 'needs-attention' as const }, ['stoppedFirst', 'stoppedLater']],
    ['waiting on', { waitingOn: 'physician' as const }, ['dueSoon']],
    ['cancer type', { cancerType: 'lung' as const }, ['dueSoon']],
    ['urgency', { urgency: 'expedited' as const }, ['dueSoon']],
    ['payer', { payerId: 'acme-health' }, ['stoppedFirst', 'stoppedLater', 'overdue', 'dueLater', 'working']],
    ['overdue only', { overdue: true }, ['overdue']],
  ])('filters by %s', async (_what, filter, expected) => {
    const page = await queue.page(query(filter));

    expect(page.cases.map((c) => c.caseId)).toEqual(expected.map((name) => ids[name]));
  });

  it('refuses a cursor it did not make, naming the field', async () => {
    const refusal = queue.page(query({ cursor: 'not-a-cursor' }));

    await expect(refusal).rejects.toThrow(ValidationError);
    await expect(refusal).rejects.toMatchObject({ errors: [{ path: 'cursor' }] });
  });
});

describe('DynamoCaseQueue with a selective filter', () => {
  it('reads at most its limit of items per page, and answers a cursor to read on', async () => {
    // Arrange: 250 cases waiting on the insurer, then one on a specialist, in a table of their own
    const own = await dynaliteTable('concord-queue-filter-test');
    try {
      const intake = IntakeSchema.parse(exampleIntake());
      const items = Array.from({ length: 251 }, (_, n) => {
        const caseId = `f${String(n).padStart(3, '0')}`;
        const status: CaseStatus = n < 250 ? 'awaiting-prior-authorization' : 'awaiting-opinion';
        const place = { status, waitingSince: NOW.toISOString(), dueAt: hours(n) };
        return {
          ...caseKey(caseId),
          caseId,
          intake,
          cancerType: 'breast',
          ...place,
          waitingOn: n < 250 ? 'insurer' : 'specialist',
          ...queueKeys(caseId, place),
        };
      });
      for (let i = 0; i < items.length; i += 25) {
        await own.raw.send(
          new BatchWriteItemCommand({
            RequestItems: {
              'concord-queue-filter-test': items
                .slice(i, i + 25)
                .map((item) => ({ PutRequest: { Item: marshall(item) } })),
            },
          }),
        );
      }
      const ownQueue = new DynamoCaseQueue(new ItemClient(own.raw), 'concord-queue-filter-test');

      // Act
      const first = await ownQueue.page(query({ waitingOn: 'specialist' }));
      const second = await ownQueue.page(query({ waitingOn: 'specialist', cursor: first.next }));

      // Assert
      expect(first.cases).toEqual([]);
      expect(first.itemsRead).toBe(MAX_ITEMS_READ_PER_PAGE);
      expect(first.next).toBeDefined();
      expect(second.cases.map((c) => c.caseId)).toEqual(['f250']);
      expect(second.itemsRead).toBe(51);
      expect(second.next).toBeUndefined();
    } finally {
      await own.close();
    }
  }, 60_000);
});
