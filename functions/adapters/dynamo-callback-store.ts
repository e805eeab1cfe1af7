import type { CallbackDecision } from '../domain/decision.js';
import type { CallbackRecord, DecisionStep } from '../domain/callback.js';
import type { CallbackStore } from '../domain/ports.js';
import { isConditionFailure } from './dynamo-errors.js';
import type { ItemClient } from './item-client.js';
import { callbackKey, fromItem } from './keys.js';

/** CALLBACK items: the server-side home of task tokens. Every state change is a conditional write. */
export class DynamoCallbackStore implements CallbackStore {
  constructor(
    private readonly db: ItemClient,
    private readonly tableName: string,
  ) {}

  async get(callbackId: string): Promise<CallbackRecord | undefined> {
    const { Item } = await this.db.get({
      TableName: this.tableName,
      Key: callbackKey(callbackId),
      ConsistentRead: true,
    });
    return Item ? fromItem<CallbackRecord>(Item) : undefined;
  }

  async create(record: CallbackRecord): Promise<boolean> {
    try {
      await this.db.put({
        TableName: this.tableName,
        Item: { ...callbackKey(record.callbackId), ...record },
        ConditionExpression: 'attribute_not_exists(PK)',
      });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async replaceToken(callbackId: string, taskToken: string, expiresAt: number): Promise<boolean> {
    const item = await this.conditionalUpdate(callbackId, 'SET taskToken = :token, expiresAt = :expiresAt', {
      ':token': taskToken,
      ':expiresAt': expiresAt,
    });
    return item !== undefined;
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

  async countReminder(callbackId: string, remindersSent: number): Promise<boolean> {
    const item = await this.conditionalUpdate(
      callbackId,
      'SET remindersSent = :next',
      { ':next': remindersSent + 1, ':seen': remindersSent },
      'remindersSent = :seen',
    );
    return item !== undefined;
  }

  async countResend(callbackId: string, resends: number): Promise<boolean> {
    const item = await this.conditionalUpdate(
      callbackId,
      'SET resends = :next',
      { ':next': resends + 1, ':seen': resends },
      resends === 0 ? '(attribute_not_exists(resends) OR resends = :seen)' : 'resends = :seen',
    );
    return item !== undefined;
  }

  async extend(callbackId: string, deadline: number): Promise<boolean> {
    const item = await this.conditionalUpdate(
      callbackId,
      'SET deadline = :deadline, dueAt = :dueAt',
      { ':deadline': deadline, ':dueAt': new Date(deadline * 1000).toISOString() },
      '(attribute_not_exists(deadline) OR deadline < :deadline)',
    );
    return item !== undefined;
  }

  async revive(
    callbackId: string,
    { taskToken, expiresAt, dueAt }: { taskToken: string; expiresAt: number; dueAt?: string },
    resume: number,
  ): Promise<boolean> {
    try {
      await this.db.update({
        TableName: this.tableName,
        Key: callbackKey(callbackId),
        UpdateExpression: `SET #status = :pending, taskToken = :token, expiresAt = :expiresAt, remindersSent = :zero, #resume = :resume${
          dueAt ? ', dueAt = :dueAt' : ''
        } REMOVE deadline`,
        ConditionExpression: '#status = :expired AND (attribute_not_exists(#resume) OR #resume < :resume)',
        ExpressionAttributeNames: { '#status': 'status', '#resume': 'resume' },
        ExpressionAttributeValues: {
          ':pending': 'pending',
          ':expired': 'expired',
          ':token': taskToken,
          ':expiresAt': expiresAt,
          ':zero': 0,
          ':resume': resume,
          ...(dueAt ? { ':dueAt': dueAt } : {}),
        },
      });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async expire(callbackId: string): Promise<boolean> {
    return (
      (await this.conditionalUpdate(callbackId, 'SET #status = :expired', { ':expired': 'expired' })) !==
      undefined
    );
  }

  /**
   * Applies an update only while the callback is pending (and any extra condition holds); answers the
   * item as the update left it (empty unless `ALL_NEW` is asked for), or undefined when it did not apply.
   */
  private async conditionalUpdate(
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
