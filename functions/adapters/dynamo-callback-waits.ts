import type { CallbackRecord } from '../domain/callback.js';
import type { CallbackWaits } from '../domain/ports.js';
import { DynamoCallbackStore } from './dynamo-callback-store.js';
import { isConditionFailure } from './dynamo-errors.js';
import { callbackKey } from './keys.js';

/**
 * The writes that keep a callback's wait: the request step's and its timer's. Every state change is a conditional
 * write.
 */
export class DynamoCallbackWaits extends DynamoCallbackStore implements CallbackWaits {
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

  async countReminder(callbackId: string, remindersSent: number): Promise<boolean> {
    const item = await this.conditionalUpdate(
      callbackId,
      'SET remindersSent = :next',
      { ':next': remindersSent + 1, ':seen': remindersSent },
      'remindersSent = :seen',
    );
    return item !== undefined;
  }

  async expire(callbackId: string): Promise<boolean> {
    return (
      (await this.conditionalUpdate(callbackId, 'SET #status = :expired', { ':expired': 'expired' })) !==
      undefined
    );
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
}
