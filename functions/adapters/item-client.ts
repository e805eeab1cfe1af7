import {
  BatchGetItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DeleteItemCommandInput,
  type DynamoDBClient,
  type GetItemCommandInput,
  type PutItemCommandInput,
  type QueryCommandInput,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall, type NativeAttributeValue } from '@aws-sdk/util-dynamodb';

export type Native = Record<string, NativeAttributeValue>;
/** BatchGetItem takes at most 100 keys. */
const BATCH_GET_LIMIT = 100;
type Marshalled = Record<string, AttributeValue>;

/**
 * A request's input with its key, item and expression values as plain values, each as optional as it was
 * (as lib-dynamodb types them).
 */
type Plain<Input, Fields extends keyof Input> = Omit<Input, Fields> & {
  [F in keyof Pick<Input, Fields>]: Native;
};
type GetInput = Plain<GetItemCommandInput, 'Key'>;
type PutInput = Plain<PutItemCommandInput, 'Item' | 'ExpressionAttributeValues'>;
type UpdateInput = Plain<UpdateItemCommandInput, 'Key' | 'ExpressionAttributeValues'>;
type DeleteInput = Plain<DeleteItemCommandInput, 'Key' | 'ExpressionAttributeValues'>;
/** Queries by expression only (the legacy `KeyConditions` and `QueryFilter` are left out). */
type QueryInput = Plain<
  Omit<QueryCommandInput, 'KeyConditions' | 'QueryFilter'>,
  'ExclusiveStartKey' | 'ExpressionAttributeValues'
>;

const toAttributes = (item: Native | undefined): Marshalled | undefined =>
  item && marshall(item, { removeUndefinedValues: true });
const fromAttributes = (item: Marshalled | undefined): Native | undefined => item && unmarshall(item);

/**
 * DynamoDB requests in plain JS values, as lib-dynamodb's document client takes and answers them
 * (`@aws-sdk/util-dynamodb` converts), on a plain client. Why not the document client: it
 * refuses `cacheMiddleware`, and the client then builds its middleware stack again for every request.
 * Measured on SDK 3.1169, one PutItem against a stub server answering at once (client and server CPU
 * together): the document client 0.65–0.8 ms, this with the stack cached 0.44–0.63 ms. A case makes ~140
 * DynamoDB requests (issue 8).
 */
export class ItemClient {
  constructor(private readonly client: DynamoDBClient) {}

  async get(input: GetInput): Promise<{ Item?: Native }> {
    const { Item } = await this.client.send(new GetItemCommand({ ...input, Key: toAttributes(input.Key) }));
    return { Item: fromAttributes(Item) };
  }

  async put(input: PutInput): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        ...input,
        Item: toAttributes(input.Item),
        ExpressionAttributeValues: toAttributes(input.ExpressionAttributeValues),
      }),
    );
  }

  async update(input: UpdateInput): Promise<{ Attributes?: Native }> {
    const { Attributes } = await this.client.send(
      new UpdateItemCommand({
        ...input,
        Key: toAttributes(input.Key),
        ExpressionAttributeValues: toAttributes(input.ExpressionAttributeValues),
      }),
    );
    return { Attributes: fromAttributes(Attributes) };
  }

  async delete(input: DeleteInput): Promise<{ Attributes?: Native }> {
    const { Attributes } = await this.client.send(
      new DeleteItemCommand({
        ...input,
        Key: toAttributes(input.Key),
        ExpressionAttributeValues: toAttributes(input.ExpressionAttributeValues),
      }),
    );
    return { Attributes: fromAttributes(Attributes) };
  }

  /** One page; `ScannedCount`: the items it read, before any filter. */
  async query(
    input: QueryInput,
  ): Promise<{ Items: Native[]; LastEvaluatedKey?: Native; ScannedCount: number }> {
    const {
      Items = [],
      LastEvaluatedKey,
      ScannedCount = 0,
    } = await this.client.send(
      new QueryCommand({
        ...input,
        ExclusiveStartKey: toAttributes(input.ExclusiveStartKey),
        ExpressionAttributeValues: toAttributes(input.ExpressionAttributeValues),
      }),
    );
    return {
      Items: Items.map((item) => unmarshall(item)),
      LastEvaluatedKey: fromAttributes(LastEvaluatedKey),
      ScannedCount,
    };
  }

  /** Every item the query matches, page after page. */
  async *queryAll(input: QueryInput): AsyncGenerator<Native> {
    let start = input.ExclusiveStartKey;
    do {
      const page = await this.query({ ...input, ExclusiveStartKey: start });
      yield* page.Items;
      start = page.LastEvaluatedKey;
    } while (start);
  }

  /** One strongly consistent BatchGetItem of one table's keys, and the keys it left unprocessed. */
  async batchGet(tableName: string, keys: Native[]): Promise<{ items: Native[]; unprocessed: Native[] }> {
    const { Responses, UnprocessedKeys } = await this.client.send(
      new BatchGetItemCommand({
        RequestItems: { [tableName]: { Keys: keys.map((key) => marshall(key)), ConsistentRead: true } },
      }),
    );
    return {
      items: (Responses?.[tableName] ?? []).map((item) => unmarshall(item)),
      unprocessed: (UnprocessedKeys?.[tableName]?.Keys ?? []).map((key) => unmarshall(key)),
    };
  }
}

/**
 * Every item of one table's keys that exists, in BatchGetItems of 100, the unprocessed asked again. A function,
 * not a method, so a bundle that never batches does not carry it.
 */
export async function batchGetAll(
  db: ItemClient,
  tableName: string,
  keys: readonly Native[],
): Promise<Native[]> {
  const found: Native[] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_LIMIT) {
    let batch: Native[] = keys.slice(i, i + BATCH_GET_LIMIT);
    while (batch.length) {
      const { items, unprocessed } = await db.batchGet(tableName, batch);
      found.push(...items);
      batch = unprocessed;
    }
  }
  return found;
}
