import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoCapacityLedger } from '../../../functions/adapters/dynamo-capacity-ledger.js';
import { DynamoDirectory } from '../../../functions/adapters/dynamo-directory.js';
import { DynamoDirectoryWriter } from '../../../functions/adapters/dynamo-directory-writer.js';
import { ItemClient } from '../../../functions/adapters/item-client.js';
import type { Specialist } from '../../../functions/schemas/directory.js';
import { specialist as directoryEntry } from '../../support/specialists.js';
import { dynaliteTable, type DynaliteTable } from '../../support/dynalite.js';

const TABLE = 'concord-matching-test';
let table: DynaliteTable;
let raw: DynamoDBClient;
let db: ItemClient;
/** Items DynamoDB returned to the adapters since the last reset: what a read costs. */
let itemsRead = 0;

const specialist = (id: string, cancerTypes: Specialist['cancerTypes'], capacity = 3) =>
  directoryEntry(id, { cancerTypes, capacity });

beforeAll(async () => {
  table = await dynaliteTable(TABLE);
  raw = table.raw;
  raw.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const output = result.output as {
        Items?: unknown[];
        Item?: unknown;
        Responses?: Record<string, unknown[]>;
      };
      itemsRead +=
        (output.Items?.length ?? 0) +
        (output.Item ? 1 : 0) +
        Object.values(output.Responses ?? {}).reduce((n, items) => n + items.length, 0);
      return result;
    },
    { step: 'initialize', name: 'countItemsRead' },
  );
  db = new ItemClient(raw);
}, 30_000);

afterAll(async () => {
  await table?.close();
});

describe('DynamoDirectory.specialistsFor', () => {
  it('reads only the candidates for that cancer, with thousands of specialists for others', async () => {
    // Arrange: 12 breast specialists among 3,000 others
    const directory = new DynamoDirectory(db, TABLE);
    const writer = new DynamoDirectoryWriter(db, TABLE);
    const others = Array.from({ length: 3000 }, (_, i) =>
      specialist(`o-${i}`, [i % 2 ? 'lung' : 'prostate']),
    );
    const breast = Array.from({ length: 12 }, (_, i) => specialist(`b-${i}`, ['breast']));
    for (let i = 0; i < others.length; i += 50)
      await Promise.all(others.slice(i, i + 50).map((s) => writer.putSpecialist(s)));
    await Promise.all(breast.map((s) => writer.putSpecialist(s)));

    // Act
    itemsRead = 0;
    const found = await directory.specialistsFor('breast');

    // Assert
    expect(found.map((s) => s.specialistId).sort()).toEqual(breast.map((s) => s.specialistId).sort());
    expect(itemsRead).toBe(12);
    expect(found[0]).not.toHaveProperty('GSI1PK');
  }, 300_000);
});

describe('DynamoDirectoryWriter.putSpecialist', () => {
  it('an upsert that drops a cancer type takes them out of that cancer’s candidates, and updates the rest', async () => {
    // Arrange
    const directory = new DynamoDirectory(db, TABLE);
    const writer = new DynamoDirectoryWriter(db, TABLE);
    await writer.putSpecialist(specialist('s-moved', ['melanoma', 'bone-and-soft-tissue']));

    // Act
    await writer.putSpecialist({
      ...specialist('s-moved', ['bone-and-soft-tissue', 'thyroid']),
      capacity: 7,
    });

    // Assert
    const ids = async (cancerType: Specialist['cancerTypes'][number]) =>
      (await directory.specialistsFor(cancerType)).filter((s) => s.specialistId === 's-moved');
    expect(await ids('melanoma')).toEqual([]);
    expect((await ids('bone-and-soft-tissue')).map((s) => s.capacity)).toEqual([7]);
    expect((await ids('thyroid')).map((s) => s.cancerTypes)).toEqual([['bone-and-soft-tissue', 'thyroid']]);
    expect((await directory.getSpecialist('s-moved'))?.cancerTypes).toEqual([
      'bone-and-soft-tissue',
      'thyroid',
    ]);
  });
});

describe('DynamoCapacityLedger', () => {
  it('never overbooks: 25 concurrent reservations against a capacity of 3 take exactly 3 holds', async () => {
    // Arrange
    const ledger = new DynamoCapacityLedger(db, TABLE);

    // Act
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => ledger.reserve('s-busy', `case-${i}#s-busy`, 3)),
    );

    // Assert
    expect(results.filter(Boolean)).toHaveLength(3);
    expect((await ledger.openHolds(['s-busy'])).get('s-busy')?.size).toBe(3);
  });

  it('a retried reservation of the same hold succeeds without taking a second place', async () => {
    const ledger = new DynamoCapacityLedger(db, TABLE);
    expect(await ledger.reserve('s-retry', 'case-a#s-retry', 2)).toBe(true);
    expect(await ledger.reserve('s-retry', 'case-a#s-retry', 2)).toBe(true);
    expect((await ledger.openHolds(['s-retry'])).get('s-retry')).toEqual(new Set(['case-a#s-retry']));
  });

  it('a full specialist refuses; releasing a hold frees the place; capacity 0 takes nothing', async () => {
    const ledger = new DynamoCapacityLedger(db, TABLE);
    expect(await ledger.reserve('s-full', 'case-1#s-full', 1)).toBe(true);
    expect(await ledger.reserve('s-full', 'case-2#s-full', 1)).toBe(false);
    await ledger.release('s-full', 'case-1#s-full');
    await ledger.release('s-full', 'case-1#s-full');
    expect(await ledger.reserve('s-full', 'case-2#s-full', 1)).toBe(true);
    expect(await ledger.reserve('s-none', 'case-1#s-none', 0)).toBe(false);
    expect((await ledger.openHolds(['s-full', 's-none', 's-unknown'])).get('s-full')).toEqual(
      new Set(['case-2#s-full']),
    );
    expect((await ledger.openHolds(['s-none'])).has('s-none')).toBe(false);
  });

  it('reads the load of more specialists than one batch holds', async () => {
    const ledger = new DynamoCapacityLedger(db, TABLE);
    const ids = Array.from({ length: 230 }, (_, i) => `s-many-${i}`);
    await Promise.all(ids.filter((_, i) => i % 3 === 0).map((id) => ledger.reserve(id, `c#${id}`, 2)));
    const holds = await ledger.openHolds(ids);
    expect(holds.size).toBe(77);
  });
});
