import type { AddressInfo } from 'node:net';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { ensureTable } from '../../../infra/local/bootstrap.js';

describe('ensureTable', () => {
  it('answers once a table it creates is ACTIVE, and leaves an existing one as it is', async () => {
    // Arrange: an emulator that keeps a new table CREATING for a while, as DynamoDB does
    const server = dynalite({ createTableMs: 300 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const client = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const status = async () =>
      (await client.send(new DescribeTableCommand({ TableName: 'concord-bootstrap' }))).Table;
    try {
      // Act
      await ensureTable(client, 'concord-bootstrap');
      const created = await status();
      await ensureTable(client, 'concord-bootstrap');

      // Assert
      expect(created?.TableStatus).toBe('ACTIVE');
      expect(created?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(['GSI1', 'GSI2']);
      expect((await status())?.CreationDateTime).toEqual(created?.CreationDateTime);
    } finally {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
