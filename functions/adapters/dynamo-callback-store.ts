import type { CallbackDecision } from '../domain/decision.js';
import type { CallbackRecord, DecisionStep } from '../domain/callback.js';
import type { CallbackStore } from '../domain/ports.js';
import { isConditionFailure } from './dynamo-errors.js';
import type { ItemClient } from './item-client.js';
import { callbackKey, fromItem } from './keys.js';

/**
 * CALLBACK items, the server-side home of task tokens, as deciding reads and writes them (dynamo-callback-waits.ts
 * keeps the wait). Every state change is a conditional write.
 */
export class DynamoCallbackStore implements CallbackStore {
  constructor(
    protected readonly db: ItemClient,
    protected readonly tableName: string,
  ) {}

  async get(callbackId: string): Promise<CallbackRecord | undefined> {
    const { Item } = await this.db.get({
      TableName: this.tableName,
      Key: callbackKey(callbackId),
      ConsistentRead: true,
    });
    return Item ? fromItem<CallbackRecord>(Item) : undefined;
  }

  /**
   * The decided record comes back from the write itself, so its token is the latest without another read. The
   * link works until its expiry or a coordinator's later deadline.
   */
  async decide(
    callbackId: string,
    decision: CallbackDecision,
    step: DecisionStep,
    nowSeconds: number,
  ): Promise<CallbackRecord | undefined> {
    const item = await this.conditionalUpdate(
      callbackId,
      'SET #status = :decided, decision = :decision, decisionStep = :step',
      { ':decided': 'decided', ':decision': decision, ':step': step, ':now': nowSeconds },
      '(expiresAt > :now OR deadline > :now)',
      'ALL_NEW',
    );
    return item && fromItem<CallbackRecord>(item);
  }

  /**
   * Applies an update only while the callback is pending (and any extra condition holds); answers the
   * item as the update left it (empty unless `ALL_NEW` is asked for), or undefined when it did not apply.
   */
  protected async conditionalUpdate(
    callbackId: string,
    update: string,
    values: Record<string, unknown>,
    extraCondition?: string,
    returnValues: 'NONE' | 'ALL_NEW' = 'NONE',
  ): Promise<Record<string, unknown> | undefined> {
    try {
      const { Attributes } = await this.db.update({
        TableName: this.tableName,
        Key: callbackKey(callbackId),
        UpdateExpression: update,
        ConditionExpression: ['#status = :pending', extraCondition].filter(Boolean).join(' AND '),
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ...values, ':pending': 'pending' },
        ReturnValues: returnValues,
      });
      return Attributes ?? {};
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }
}
