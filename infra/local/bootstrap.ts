import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  ScanCommand,
  waitUntilTableExists,
  waitUntilTableNotExists,
  type AttributeValue,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { TABLE_INDEXES, TABLE_KEYS } from '../table-schema.js';

/** What ensureTable found: a new table, the table as it was, or one copied into the current schema. */
export type TableReadiness = 'created' | 'ready' | 'migrated';

const WAIT = { maxWaitTime: 30, minDelay: 0.01, maxDelay: 0.25 } as const;

/**
 * Makes the table, with every index of infra/table-schema.ts, unless it exists (data survives restarts), and
 * answers once it is ACTIVE: dynalite answers CreateTable with the table still CREATING, and until it is
 * ACTIVE a request to it gets ResourceNotFoundException (seen seeding a third table into a large data directory).
 *
 * A table made before an index was added is migrated: dynalite cannot add one (its UpdateTable takes a
 * GlobalSecondaryIndexUpdates `Create` and does nothing with it), so the items are copied into
 * `<table>-migrating`, made with every index; the old table is deleted only once the copy holds every item; a
 * new `<table>` is made and the items copied back; then the copy goes. A start that stops at any point finds
 * where it was on the next: nothing is deleted before it is held twice.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<TableReadiness> {
  const staging = `${tableName}-migrating`;
  const [table, copy] = await Promise.all([describe(client, tableName), describe(client, staging)]);
  let readiness: TableReadiness = 'ready';
  if (table && !hasEveryIndex(table)) {
    // Copy out, from the start: a copy left by a stopped start may be partial.
    if (copy) await dropTable(client, staging);
    await createTable(client, staging);
    await copyItems(client, tableName, staging);
    await dropTable(client, tableName);
    readiness = 'migrated';
  }
  if (copy || readiness === 'migrated') {
    // Copy back (again, if a stopped start copied part of it: the same items, put over themselves).
    if (!(await describe(client, tableName))) await createTable(client, tableName);
    await copyItems(client, staging, tableName);
    await dropTable(client, staging);
    return 'migrated';
  }
  if (!table) {
    await createTable(client, tableName);
    readiness = 'created';
  }
  await waitUntilTableExists({ client, ...WAIT }, { TableName: tableName });
  return readiness;
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException || (error as Error).name === 'ResourceNotFoundException')
      return undefined;
    throw error;
  }
}

const hasEveryIndex = (table: TableDescription) =>
  TABLE_INDEXES.every((index) =>
    (table.GlobalSecondaryIndexes ?? []).some((existing) => existing.IndexName === index.indexName),
  );

async function createTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const { partitionKey, sortKey } = TABLE_KEYS;
  const keyNames = [partitionKey, sortKey, ...TABLE_INDEXES.flatMap((i) => [i.partitionKey, i.sortKey])];
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: keyNames.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: partitionKey, KeyType: 'HASH' },
        { AttributeName: sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE_INDEXES.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
  await waitUntilTableExists({ client, ...WAIT }, { TableName: tableName });
}

async function dropTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  await waitUntilTableNotExists({ client, ...WAIT }, { TableName: tableName });
}

/** Every item of `from` into `to`, as stored; fails unless `to` then holds as many items as `from`. */
async function copyItems(client: DynamoDBClient, from: string, to: string): Promise<void> {
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: from, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    const items = page.Items ?? [];
    for (let i = 0; i < items.length; i += 25) {
      let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const { UnprocessedItems } = await client.send(
          new BatchWriteItemCommand({ RequestItems: { [to]: requests } }),
        );
        requests = (UnprocessedItems?.[to] ?? []) as typeof requests;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  const [held, copied] = await Promise.all([count(client, from), count(client, to)]);
  if (copied < held) throw new Error(`Copying table ${from} to ${to}: ${copied} of ${held} items arrived`);
}

async function count(client: DynamoDBClient, tableName: string): Promise<number> {
  let total = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: tableName, Select: 'COUNT', ExclusiveStartKey: start }),
    );
    total += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return total;
}

export async function ensureBucket(client: S3Client, bucket: string): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  }
}
