import type { CancerType } from '../domain/cancer-type.js';
import type { Directory } from '../domain/ports.js';
import type { Payer, Specialist } from '../schemas/directory.js';
import type { ItemClient } from './item-client.js';
import { CANCER_PREFIX, fromItem, payerKey, specialistKey } from './keys.js';

/** Payers and specialists, as the functions read them (the seed loader writes them: DynamoDirectoryWriter). */
export class DynamoDirectory implements Directory {
  constructor(
    private readonly db: ItemClient,
    private readonly tableName: string,
  ) {}

  async getPayer(payerId: string): Promise<Payer | undefined> {
    const { Item } = await this.db.get({ TableName: this.tableName, Key: payerKey(payerId) });
    return Item ? fromItem<Payer>(Item) : undefined;
  }

  async getSpecialist(specialistId: string): Promise<Specialist | undefined> {
    const { Item } = await this.db.get({ TableName: this.tableName, Key: specialistKey(specialistId) });
    return Item ? fromItem<Specialist>(Item) : undefined;
  }

  /** One GSI1 query: only this cancer's entries are read, however large the directory. */
  async specialistsFor(cancerType: CancerType): Promise<Specialist[]> {
    const found: Specialist[] = [];
    const all = this.db.queryAll({
      TableName: this.tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': `${CANCER_PREFIX}${cancerType}` },
    });
    for await (const item of all) found.push(fromItem<Specialist>(item));
    return found;
  }
}
