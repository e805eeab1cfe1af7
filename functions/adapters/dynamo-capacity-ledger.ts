import type { CapacityLedger } from '../domain/ports.js';
import { isConditionFailure } from './dynamo-errors.js';
import { batchGetAll, type ItemClient } from './item-client.js';
import { specialistLoadKey } from './keys.js';

/**
 * One LOAD item per specialist holding the set of open holds. A hold is taken by one conditional
 * update (the set is smaller than the capacity and lacks it), so concurrent matches never overbook;
 * the seed's upserts never touch this item.
 */
export class DynamoCapacityLedger implements CapacityLedger {
  constructor(
    private readonly db: ItemClient,
    private readonly tableName: string,
  ) {}

  async reserve(specialistId: string, hold: string, capacity: number): Promise<boolean> {
    if (capacity < 1) return false;
    try {
      await this.db.update({
        TableName: this.tableName,
        Key: specialistLoadKey(specialistId),
        UpdateExpression: 'ADD holds :hold',
        ConditionExpression:
          'attribute_not_exists(holds) OR (size(holds) < :capacity AND NOT contains(holds, :id))',
        ExpressionAttributeValues: { ':hold': new Set([hold]), ':capacity': capacity, ':id': hold },
      });
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Holding it already (a retried step) is success; being full is not.
      return (await this.openHolds([specialistId])).get(specialistId)?.has(hold) ?? false;
    }
  }

  async release(specialistId: string, hold: string): Promise<void> {
    await this.db.update({
      TableName: this.tableName,
      Key: specialistLoadKey(specialistId),
      UpdateExpression: 'DELETE holds :hold',
      ExpressionAttributeValues: { ':hold': new Set([hold]) },
    });
  }

  async openHolds(specialistIds: readonly string[]): Promise<Map<string, Set<string>>> {
    const found = new Map<string, Set<string>>();
    for (const item of await batchGetAll(this.db, this.tableName, specialistIds.map(specialistLoadKey))) {
      const id = String(item.PK).slice('SPECIALIST#'.length);
      if (item.holds instanceof Set) found.set(id, item.holds as Set<string>);
    }
    return found;
  }
}
