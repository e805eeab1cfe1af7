import type { Grant } from '../domain/grant.js';
import type { Grants } from '../domain/ports.js';
import { isConditionFailure } from './dynamo-errors.js';
import type { ItemClient } from './item-client.js';
import { caseKey, fromItem, grantKey } from './keys.js';

/** A month past its expiry a grant may go (TTL): until then an expired link says so rather than "unknown". */
const KEEP_EXPIRED_SECONDS = 30 * 24 * 60 * 60;

/** Granted links: one item each (`GRANT#<id>`); taking back all of a case's is one write on the case. */
export class DynamoGrants implements Grants {
  constructor(
    private readonly db: ItemClient,
    private readonly tableName: string,
  ) {}

  async put(grant: Grant): Promise<void> {
    await this.db.put({
      TableName: this.tableName,
      Item: { ...grantKey(grant.grantId), ...grant, expiresAt: grant.until + KEEP_EXPIRED_SECONDS },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
  }

  async get(grantId: string): Promise<Grant | undefined> {
    const { Item } = await this.db.get({
      TableName: this.tableName,
      Key: grantKey(grantId),
      ConsistentRead: true,
    });
    if (!Item) return undefined;
    const { expiresAt: _ttl, ...grant } = fromItem<Grant & { expiresAt: number }>(Item);
    return grant;
  }

  async revokeAll(caseId: string, at: string): Promise<boolean> {
    try {
      await this.db.update({
        TableName: this.tableName,
        Key: caseKey(caseId),
        UpdateExpression: 'SET linksRevokedAt = :at',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':at': at },
      });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
