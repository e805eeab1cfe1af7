import type { Payer, Specialist } from '../schemas/directory.js';
import type { ItemClient } from './item-client.js';
import { CANCER_PREFIX, PAYERS_INDEX_KEY, payerKey, specialistKey } from './keys.js';

/**
 * The directory's upserts by id, so loading a seed file twice changes nothing. Only the seed loader writes the
 * directory (`npm run seed`, the local stack's start); no function does, so none bundles this.
 */
export class DynamoDirectoryWriter {
  constructor(
    private readonly db: ItemClient,
    private readonly tableName: string,
  ) {}

  /** The payer, and its GSI1 entry under every payer's key, so the intake form lists payers without a scan. */
  async putPayer(payer: Payer): Promise<void> {
    const key = payerKey(payer.payerId);
    await this.db.put({
      TableName: this.tableName,
      Item: { ...key, GSI1PK: PAYERS_INDEX_KEY, GSI1SK: key.PK, ...payer },
    });
  }

  /**
   * The profile item, and one GSI1 entry per cancer type so matching queries only that cancer's
   * candidates. An upsert that drops a cancer type deletes its entry, so they are no longer matched for it.
   */
  async putSpecialist(specialist: Specialist): Promise<void> {
    const profile = specialistKey(specialist.specialistId);
    const { Items } = await this.db.query({
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
