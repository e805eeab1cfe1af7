import {
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';

/** Writes up to 25 items in one BatchWriteItem, asking again for the unprocessed ones. */
export async function batchWrite(
  db: DynamoDBDocumentClient,
  table: string,
  items: Array<Record<string, unknown>>,
): Promise<void> {
  let requests: Array<{ PutRequest: { Item: Record<string, unknown> } }> | undefined = items.map((Item) => ({
    PutRequest: { Item },
  }));
  while (requests?.length) {
    const answer: BatchWriteCommandOutput = await db.send(
      new BatchWriteCommand({ RequestItems: { [table]: requests } }),
    );
    requests = answer.UnprocessedItems?.[table] as typeof requests;
  }
}
