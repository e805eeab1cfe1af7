import type { PayerList } from '../domain/ports.js';
import type { ItemClient } from './item-client.js';
import { PAYERS_INDEX_KEY } from './keys.js';

/** Payers' ids and names from their GSI1 entries (DynamoDirectoryWriter.putPayer writes them). */
export class DynamoPayerList implements PayerList {
  constructor(
    private readonly db: ItemClient,
    private readonly tableName: string,
  ) {}

  async payers(): Promise<Array<{ payerId: string; name: string }>> {
    const found: Array<{ payerId: string; name: string }> = [];
    const all = this.db.queryAll({
      TableName: this.tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': PAYERS_INDEX_KEY },
      ProjectionExpression: 'payerId, #name',
      ExpressionAttributeNames: { '#name': 'name' },
    });
    for await (const item of all) found.push({ payerId: String(item.payerId), name: String(item.name) });
    return found;
  }
}
