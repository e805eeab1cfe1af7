/**
 * Puts cases stored before the console's queue into it (`npm run backfill-queue -- <table>`, with the
 * deployer's AWS credentials; the local stack runs it itself after migrating its table). A case gets its queue
 * place from its status on its next status change anyway; this is for the cases that wait long without one.
 * Whom it waits on follows from its status, since when from its last change; no due time is known for them.
 * Each write is conditional on the case still lacking its place and keeping its status, so a step running
 * meanwhile wins. Reads the whole table once (a Scan): a one-off migration, never a request path.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { queueKeys } from '../functions/adapters/keys.js';
import type { CaseRecord } from '../functions/domain/case.js';
import { queuePlaceAfter } from '../functions/domain/queue.js';

/** Answers how many cases it placed. */
export async function backfillQueue(client: DynamoDBClient, tableName: string): Promise<number> {
  let placed = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'SK = :case AND attribute_not_exists(GSI2PK)',
        ExpressionAttributeValues: { ':case': { S: 'CASE' } },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      if (await place(client, tableName, unmarshall(item) as CaseRecord & { PK: string })) placed += 1;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return placed;
}

async function place(client: DynamoDBClient, tableName: string, record: CaseRecord & { PK: string }) {
  const queuePlace = queuePlaceAfter({ status: record.status }, record.intake, record.updatedAt);
  const fields = Object.fromEntries(
    Object.entries({ ...queuePlace, ...queueKeys(record.caseId, queuePlace) }).filter(
      ([, value]) => value !== undefined,
    ),
  );
  const names = Object.fromEntries(Object.keys(fields).map((field) => [`#${field}`, field]));
  try {
    await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: marshall({ PK: record.PK, SK: 'CASE' }),
        UpdateExpression: `SET ${Object.keys(fields)
          .map((field) => `#${field} = :${field}`)
          .join(', ')}`,
        ConditionExpression: 'attribute_not_exists(GSI2PK) AND #status = :status',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: marshall(
          Object.fromEntries(Object.entries(fields).map(([field, value]) => [`:${field}`, value])),
        ),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const tableName = process.argv[2];
  if (!tableName) throw new Error('Usage: npm run backfill-queue -- <table name>');
  const placed = await backfillQueue(new DynamoDBClient({}), tableName);
  process.stdout.write(`${placed} case(s) placed in the queue of ${tableName}\n`);
}
