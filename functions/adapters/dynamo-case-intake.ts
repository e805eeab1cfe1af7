import type { CaseRecord, TimelineEvent } from '../domain/case.js';
import type { CaseIntake, IdempotencyClaim } from '../domain/ports.js';
import { isConditionFailure } from './dynamo-errors.js';
import { DynamoCaseStore } from './dynamo-case-store.js';
import { caseKey, CREATED_SUFFIX, eventKey, idempotencyKey, queueKeys, unconfirmedIndexKey } from './keys.js';

/** What only intake writes; a class of its own so no other function bundles it. */
export class DynamoCaseIntake extends DynamoCaseStore implements CaseIntake {
  /**
   * Stores a new case, then its first event. A retry finds the case stored and writes the event as the
   * first run would have (at the stored case's time, so over itself), in case that run stopped between.
   */
  async create(record: CaseRecord, event: Omit<TimelineEvent, 'at'>): Promise<CaseRecord> {
    let stored = record;
    try {
      await this.db.put({
        TableName: this.tableName,
        Item: {
          ...caseKey(record.caseId),
          ...record,
          // Waiting for its submitter: in the sweeper's partition until confirmed; then in the console's queue.
          ...(record.confirmBy !== undefined
            ? unconfirmedIndexKey(record.caseId, record.confirmBy)
            : queueKeys(record.caseId, { ...record, waitingSince: record.waitingSince ?? record.createdAt })),
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      });
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const earlier = await this.get(record.caseId);
      if (!earlier) throw error;
      stored = earlier;
    }
    await this.putEvent(record.caseId, { ...event, at: stored.createdAt }, CREATED_SUFFIX);
    return stored;
  }

  async claimIdempotencyKey(
    keyHash: string,
    claim: IdempotencyClaim,
    ttlSeconds: number,
  ): Promise<IdempotencyClaim | undefined> {
    const nowSeconds = Math.floor(Date.now() / 1000);
    try {
      await this.db.put({
        TableName: this.tableName,
        Item: { ...idempotencyKey(keyHash), ...claim, expiresAt: nowSeconds + ttlSeconds },
        // An expired claim may be taken over: TTL deletion is not immediate (and absent locally).
        ConditionExpression: 'attribute_not_exists(PK) OR expiresAt < :now',
        ExpressionAttributeValues: { ':now': nowSeconds },
      });
      return undefined;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const { Item } = await this.db.get({
      TableName: this.tableName,
      Key: idempotencyKey(keyHash),
      ConsistentRead: true,
    });
    if (!Item) throw new Error('Idempotency claim vanished between write and read');
    return { caseId: Item.caseId as string, bodyHash: Item.bodyHash as string };
  }

  async releaseIdempotencyKey(keyHash: string): Promise<void> {
    await this.db.delete({ TableName: this.tableName, Key: idempotencyKey(keyHash) });
  }

  /** The case first, then its first event: a stop between leaves only an event no one can read. */
  async discard(caseId: string): Promise<boolean> {
    let removed: Record<string, unknown> | undefined;
    try {
      ({ Attributes: removed } = await this.db.delete({
        TableName: this.tableName,
        Key: caseKey(caseId),
        ConditionExpression: '#status = :unconfirmed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':unconfirmed': 'awaiting-confirmation' },
        ReturnValues: 'ALL_OLD',
      }));
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
    await this.db.delete({
      TableName: this.tableName,
      Key: eventKey(caseId, String(removed?.createdAt), CREATED_SUFFIX),
    });
    return true;
  }
}
