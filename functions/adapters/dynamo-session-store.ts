import type { ConsoleSession, SignInTransaction } from '../domain/console-access.js';
import type { SessionStore } from '../domain/ports.js';
import { sha256 } from '../shared/crypto.js';
import { isConditionFailure } from './dynamo-errors.js';
import type { ItemClient } from './item-client.js';
import { fromItem, sessionKey, signInKey } from './keys.js';

/**
 * Console sessions (`SESSION#<hash>`) and sign-ins under way (`SIGNIN#<hash>`), each item keyed by the
 * SHA-256 of the random id its cookie carries, so the table alone (a backup, an export) opens no session.
 * `expiresAt` is the table's TTL attribute on AWS; dynalite has no TTL, so every read filters it.
 */
export class DynamoSessionStore implements SessionStore {
  constructor(
    private readonly db: ItemClient,
    private readonly tableName: string,
  ) {}

  async put(session: ConsoleSession): Promise<void> {
    const { sessionId, ...stored } = session;
    await this.db.put({ TableName: this.tableName, Item: { ...sessionKey(sha256(sessionId)), ...stored } });
  }

  async get(sessionId: string, now: number): Promise<ConsoleSession | undefined> {
    const { Item } = await this.db.get({
      TableName: this.tableName,
      Key: sessionKey(sha256(sessionId)),
      ConsistentRead: true,
    });
    if (!Item || !(Number(Item.expiresAt) > now)) return undefined;
    return { ...fromItem<Omit<ConsoleSession, 'sessionId'>>(Item), sessionId };
  }

  async claimRenewal(sessionId: string, seenRenewAt: number, until: number): Promise<boolean> {
    try {
      await this.db.update({
        TableName: this.tableName,
        Key: sessionKey(sha256(sessionId)),
        UpdateExpression: 'SET renewAt = :until',
        ConditionExpression: 'renewAt = :seen',
        ExpressionAttributeValues: { ':until': until, ':seen': seenRenewAt },
      });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async renew(session: ConsoleSession): Promise<boolean> {
    const { sessionId, ...stored } = session;
    try {
      await this.db.put({
        TableName: this.tableName,
        Item: { ...sessionKey(sha256(sessionId)), ...stored },
        ConditionExpression: 'attribute_exists(PK)',
      });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async delete(sessionId: string): Promise<void> {
    await this.db.delete({ TableName: this.tableName, Key: sessionKey(sha256(sessionId)) });
  }

  async putSignIn(transaction: SignInTransaction): Promise<void> {
    const { transactionId, ...stored } = transaction;
    await this.db.put({
      TableName: this.tableName,
      Item: { ...signInKey(sha256(transactionId)), ...stored },
    });
  }

  async takeSignIn(transactionId: string, now: number): Promise<SignInTransaction | undefined> {
    // One delete answers the item and removes it: of two callbacks racing, only one gets it.
    const { Attributes } = await this.db.delete({
      TableName: this.tableName,
      Key: signInKey(sha256(transactionId)),
      ReturnValues: 'ALL_OLD',
    });
    if (!Attributes || !(Number(Attributes.expiresAt) > now)) return undefined;
    return { ...fromItem<Omit<SignInTransaction, 'transactionId'>>(Attributes), transactionId };
  }
}
