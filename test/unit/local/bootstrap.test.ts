import type { AddressInfo } from 'node:net';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import dynalite from 'dynalite';
import { backfillQueue } from '../../../infra/backfill-queue.js';
import { ensureTable } from '../../../infra/local/bootstrap.js';
import { caseRecord, payer } from '../../support/case-records.js';

async function emulator(options: Record<string, number> = {}) {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...options });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  return {
    client,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const TABLE = 'concord-bootstrap';
const describe_ = async (client: DynamoDBClient, name = TABLE) =>
  (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
const tables = async (client: DynamoDBClient) =>
  (await client.send(new ListTablesCommand({}))).TableNames ?? [];
const everyItem = async (client: DynamoDBClient, name = TABLE) =>
  ((await client.send(new ScanCommand({ TableName: name }))).Items ?? [])
    .map((item) => unmarshall(item))
    .sort((a, b) => `${a.PK}${a.SK}`.localeCompare(`${b.PK}${b.SK}`));

/** The table as it was made before the console's queue: keys and GSI1 only. */
async function tableBeforeTheQueue(client: DynamoDBClient, name = TABLE) {
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: ['PK', 'SK', 'GSI1PK', 'GSI1SK'].map((n) => ({
        AttributeName: n,
        AttributeType: 'S',
      })),
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'GSI1',
          KeySchema: [
            { AttributeName: 'GSI1PK', KeyType: 'HASH' },
            { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
}

/** 60 items: 20 cases (10 waiting on a coordinator, 8 on records, 2 completed), each with two events. */
function oldItems() {
  const items: Record<string, unknown>[] = [];
  for (let n = 0; n < 20; n++) {
    const record = caseRecord(payer('acme-health'), { caseId: `case-${String(n).padStart(2, '0')}` });
    const status = n % 2 ? 'awaiting-coordinator' : n % 5 ? 'gathering-records' : 'completed';
    items.push({
      PK: `CASE#${record.caseId}`,
      SK: 'CASE',
      ...record,
      status,
      updatedAt: `2026-11-0${1 + (n % 9)}T00:00:00.000Z`,
    });
    for (const e of ['a', 'b'])
      items.push({ PK: `CASE#${record.caseId}`, SK: `EVENT#2026-11-01#${e}`, at: '2026-11-01', type: e });
  }
  return items;
}

async function putAll(client: DynamoDBClient, items: Record<string, unknown>[], name = TABLE) {
  for (let i = 0; i < items.length; i += 25) {
    await client.send(
      new BatchWriteItemCommand({
        RequestItems: {
          [name]: items.slice(i, i + 25).map((item) => ({
            PutRequest: { Item: marshall(item, { removeUndefinedValues: true }) },
          })),
        },
      }),
    );
  }
}

describe('ensureTable', () => {
  it('answers once a table it creates is ACTIVE, with every index, and leaves an existing one as it is', async () => {
    // Arrange: an emulator that keeps a new table CREATING for a while, as DynamoDB does
    const { client, close } = await emulator({ createTableMs: 300 });
    try {
      // Act
      const first = await ensureTable(client, TABLE);
      const created = await describe_(client);
      const again = await ensureTable(client, TABLE);

      // Assert
      expect([first, again]).toEqual(['created', 'ready']);
      expect(created?.TableStatus).toBe('ACTIVE');
      expect(created?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual([
        'GSI1',
        'GSI2',
      ]);
      expect((await describe_(client))?.CreationDateTime).toEqual(created?.CreationDateTime);
    } finally {
      await close();
    }
  });

  it('migrates a table made before the queue: every item kept, GSI2 added, and the cases placed by the backfill', async () => {
    const { client, close } = await emulator();
    try {
      await tableBeforeTheQueue(client);
      const items = oldItems();
      await putAll(client, items);
      const before = await everyItem(client);

      const readiness = await ensureTable(client, TABLE);
      const placed = await backfillQueue(client, TABLE);

      expect(readiness).toBe('migrated');
      expect(await tables(client)).toEqual([TABLE]);
      const indexes = (await describe_(client))?.GlobalSecondaryIndexes?.map((i) => i.IndexName);
      expect(indexes?.sort()).toEqual(['GSI1', 'GSI2']);
      const after = await everyItem(client);
      const withoutQueue = after.map(
        ({ GSI2PK: _pk, GSI2SK: _sk, waitingOn: _on, waitingSince: _since, ...item }) => item,
      );
      expect(withoutQueue).toEqual(before);
      expect(placed).toBe(20);
      const open = await client.send(
        new QueryCommand({
          TableName: TABLE,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :p',
          ExpressionAttributeValues: { ':p': { S: 'QUEUE#open' } },
        }),
      );
      const openCases = (open.Items ?? []).map((item) => unmarshall(item));
      expect(openCases).toHaveLength(18);
      expect(
        openCases
          .filter((c) => c.status === 'awaiting-coordinator')
          .every((c) => c.waitingOn === 'coordinator'),
      ).toBe(true);
      expect(await backfillQueue(client, TABLE)).toBe(0);
    } finally {
      await close();
    }
  });

  it('finishes a migration that stopped after the old table was deleted, from the copy', async () => {
    const { client, close } = await emulator();
    try {
      // A start that stopped between deleting the old table and copying back: only the full copy is left.
      await ensureTable(client, `${TABLE}-migrating`);
      const items = oldItems();
      await putAll(client, items, `${TABLE}-migrating`);

      expect(await ensureTable(client, TABLE)).toBe('migrated');

      expect(await tables(client)).toEqual([TABLE]);
      expect(await everyItem(client)).toHaveLength(items.length);
    } finally {
      await close();
    }
  });

  it('starts a copy again when a stopped start left part of one beside the old table', async () => {
    const { client, close } = await emulator();
    try {
      await tableBeforeTheQueue(client);
      const items = oldItems();
      await putAll(client, items);
      await ensureTable(client, `${TABLE}-migrating`);
      await putAll(client, items.slice(0, 7), `${TABLE}-migrating`);

      expect(await ensureTable(client, TABLE)).toBe('migrated');

      expect(await tables(client)).toEqual([TABLE]);
      expect(await everyItem(client)).toHaveLength(items.length);
    } finally {
      await close();
    }
  });
});
