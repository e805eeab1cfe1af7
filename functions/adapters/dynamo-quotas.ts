import type { Quotas } from '../domain/ports.js';
import { isConditionFailure } from './dynamo-errors.js';
import type { ItemClient } from './item-client.js';
import { quotaKey } from './keys.js';

const DAY_SECONDS = 24 * 60 * 60;

/** Daily counters, one item per scope, subject and UTC day; each take is one conditional update. */
export class DynamoQuotas implements Quotas {
  constructor(
    private readonly db: ItemClient,
    private readonly tableName: string,
  ) {}

  async take(scope: string, subject: string, limit: number, now = new Date()): Promise<boolean> {
    const day = now.toISOString().slice(0, 10);
    try {
      await this.db.update({
        TableName: this.tableName,
        Key: quotaKey(scope, subject, day),
        UpdateExpression: 'ADD #count :one SET expiresAt = if_not_exists(expiresAt, :expires)',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
        ExpressionAttributeNames: { '#count': 'count' },
        // The counter outlives its day by a day, then TTL may remove it.
        ExpressionAttributeValues: {
          ':one': 1,
          ':limit': limit,
          ':expires': Math.floor(now.getTime() / 1000) + 2 * DAY_SECONDS,
        },
      });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
