import type { CancerType } from '../domain/cancer-type.js';
import type { Directory } from '../domain/ports.js';
import type { Payer, Specialist } from '../schemas/seed.js';
import type { ItemClient } from './item-client.js';
import { fromItem, payerKey, specialistKey } from './keys.js';

/** A specialist's GSI1 entry for one cancer type: `CANCER#<type>`, both its sort key and its GSI1 key. */
const CANCER_PREFIX = 'CANCER#';

/** Payers and specialists. Loading the seed upserts by id, so loading it twice changes nothing. */
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

  async putPayer(payer: Payer): Promise<void> {
    await this.db.put({ TableName: this.tableName, Item: { ...payerKey(payer.payerId), ...payer } });
  }

  /**
   * The profile item, and one GSI1 entry per cancer type so matching queries only that cancer's
   * candidates. An upsert that drops a cancer type deletes its entry, so they are no longer matched for it.
   */
  async putSpecialist(specialist: Specialist): Promise<void> {
    const profile = specialistKey(specialist.specialistId);
    const { Items = [] } = await this.db.query({
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': profile.PK, ':prefix': CANCER_PREFIX },
      ProjectionExpression: 'SK',
      ConsistentRead: true,
    });
    const current = new Set(specialist.cancerTypes.map((cancerType) => `${CANCER_PREFIX}${cancerType}`));
    const dropped = Items.map((item) => String(item.SK)).filter((sk) => !current.has(sk));
    for (const SK of dropped)
      await this.db.delete({ TableName: this.tableName, Key: { PK: profile.PK, SK } });
    await this.db.put({ TableName: this.tableName, Item: { ...profile, ...specialist } });
    for (const SK of current) {
      await this.db.put({
        TableName: this.tableName,
        Item: { PK: profile.PK, SK, GSI1PK: SK, GSI1SK: profile.PK, ...specialist },
      });
    }
  }
}
