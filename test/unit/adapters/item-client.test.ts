import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ItemClient } from '../../../functions/adapters/item-client.js';
import { dynaliteTable, type DynaliteTable } from '../../support/dynalite.js';

const TABLE = 'concord-item-client-test';
let table: DynaliteTable;
let client: DynamoDBClient;
let items: ItemClient;

beforeAll(async () => {
  table = await dynaliteTable(TABLE);
  // Set up as the functions' client is: the middleware stack resolved once per command and reused.
  client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: table.endpoint,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    cacheMiddleware: true,
  });
  items = new ItemClient(client);
}, 30_000);

afterAll(async () => {
  client?.destroy();
  await table?.close();
});

describe('ItemClient', () => {
  it('stores plain values and reads them back as they were, dropping undefined ones', async () => {
    const item = {
      PK: 'ITEM#1',
      SK: 'A',
      text: 'a <b> & "c"',
      count: 3,
      ratio: 0.5,
      flag: false,
      nothing: null,
      tags: new Set(['x', 'y']),
      nested: { list: [1, 'two', { three: 3 }], gone: undefined },
      gone: undefined,
    };

    await items.put({ TableName: TABLE, Item: item });
    const { Item } = await items.get({
      TableName: TABLE,
      Key: { PK: 'ITEM#1', SK: 'A' },
      ConsistentRead: true,
    });

    expect(Item).toEqual({
      PK: 'ITEM#1',
      SK: 'A',
      text: 'a <b> & "c"',
      count: 3,
      ratio: 0.5,
      flag: false,
      nothing: null,
      tags: new Set(['x', 'y']),
      nested: { list: [1, 'two', { three: 3 }] },
    });
  });

  it('sends each request with its own input while reusing the cached middleware', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        items.put({ TableName: TABLE, Item: { PK: 'MANY', SK: `N#${n}`, n } }),
      ),
    );

    const read = await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        items.get({ TableName: TABLE, Key: { PK: 'MANY', SK: `N#${n}` } }),
      ),
    );

    expect(read.map(({ Item }) => Item?.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('answers an update with the item as written, and a missed condition with its error', async () => {
    await items.put({
      TableName: TABLE,
      Item: { PK: 'ITEM#2', SK: 'A', status: 'pending', holds: new Set(['h1']) },
    });

    const { Attributes } = await items.update({
      TableName: TABLE,
      Key: { PK: 'ITEM#2', SK: 'A' },
      UpdateExpression: 'SET #status = :decided ADD holds :hold',
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':decided': 'decided', ':pending': 'pending', ':hold': new Set(['h2']) },
      ReturnValues: 'ALL_NEW',
    });
    const again = items.update({
      TableName: TABLE,
      Key: { PK: 'ITEM#2', SK: 'A' },
      UpdateExpression: 'SET #status = :decided',
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':decided': 'decided', ':pending': 'pending' },
    });

    expect(Attributes).toEqual({ PK: 'ITEM#2', SK: 'A', status: 'decided', holds: new Set(['h1', 'h2']) });
    await expect(again).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  });

  it('reads every page of a query', async () => {
    await Promise.all(
      Array.from({ length: 7 }, (_, n) =>
        items.put({ TableName: TABLE, Item: { PK: 'PAGED', SK: `P#${n}`, n } }),
      ),
    );

    const found: number[] = [];
    const all = items.queryAll({
      TableName: TABLE,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': 'PAGED', ':prefix': 'P#' },
      Limit: 3,
      ConsistentRead: true,
    });
    for await (const item of all) found.push(item.n as number);
    const firstPage = await items.query({
      TableName: TABLE,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': 'PAGED' },
      Limit: 3,
    });

    expect(found).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(firstPage.Items.map((item) => item.n)).toEqual([0, 1, 2]);
    expect(firstPage.LastEvaluatedKey).toEqual({ PK: 'PAGED', SK: 'P#2' });
  });

  it('reads a batch of keys, missing ones left out, and deletes', async () => {
    await items.put({ TableName: TABLE, Item: { PK: 'BATCH', SK: '1', v: 'one' } });
    await items.put({ TableName: TABLE, Item: { PK: 'BATCH', SK: '2', v: 'two' } });
    await items.delete({ TableName: TABLE, Key: { PK: 'BATCH', SK: '2' } });

    const { items: found, unprocessed } = await items.batchGet(TABLE, [
      { PK: 'BATCH', SK: '1' },
      { PK: 'BATCH', SK: '2' },
      { PK: 'BATCH', SK: '3' },
    ]);

    expect(found).toEqual([{ PK: 'BATCH', SK: '1', v: 'one' }]);
    expect(unprocessed).toEqual([]);
  });
});
