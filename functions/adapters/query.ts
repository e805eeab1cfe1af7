import type { ItemClient, Native } from './item-client.js';
import { fromItem } from './keys.js';

/**
 * Every item of one partition whose sort key starts with `prefix`, all pages, strongly consistent; only those
 * `keep` accepts, when given (it sees the stored item, keys included).
 */
export async function queryByPrefix<T>(
  db: ItemClient,
  tableName: string,
  pk: string,
  prefix: string,
  keep: (item: Native) => boolean = () => true,
): Promise<T[]> {
  const items: T[] = [];
  const all = db.queryAll({
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    ConsistentRead: true,
  });
  for await (const item of all) if (keep(item)) items.push(fromItem<T>(item));
  return items;
}
