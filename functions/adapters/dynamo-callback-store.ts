import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CallbackDecision, CallbackRecord } from '../domain/callback.js';
import type { CallbackStore } from '../domain/ports.js';
import { isConditionFailure } from './dynamo-errors.js';
import { callbackKey, fromItem } from './keys.js';

/** CALLBACK items: the server-side home of task tokens. Every state change is a conditional write. */
export class DynamoCallbackStore implements CallbackStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(callbackId: string): Promise<CallbackRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: callbackKey(callbackId), ConsistentRead: true }),
    );
    return Item ? fromItem<CallbackRecord>(Item) : undefined;
  }

  async create(record: CallbackRecord): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...callbackKey(record.callbackId), ...record },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async replaceToken(callbackId: string, taskToken: string): Promise<boolean> {
    return this.conditionalUpdate(callbackId, 'SET taskToken = :token', { ':token': taskToken });
  }

  async decide(callbackId: string, decision: CallbackDecision, nowSeconds: number): Promise<boolean> {
    return this.conditionalUpdate(
      callbackId,
      'SET #status = :decided, decision = :decision',
      { ':decided': 'decided', ':decision': decision, ':now': nowSeconds },
      'expiresAt > :now',
    );
  }

  async countReminder(callbackId: string, remindersSent: number): Promise<boolean> {
    return this.conditionalUpdate(
      callbackId,
      'SET remindersSent = :next',
      { ':next': remindersSent + 1, ':seen': remindersSent },
      'remindersSent = :seen',
    );
  }

  async expire(callbackId: string): Promise<boolean> {
    return this.conditionalUpdate(callbackId, 'SET #status = :expired', { ':expired': 'expired' });
  }

  /** Applies an update only while the callback is pending (and any extra condition holds). */
  private async conditionalUpdate(
    callbackId: string,
    update: string,
    values: Record<string, unknown>,
    extraCondition?: string,
  ): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: callbackKey(callbackId),
          UpdateExpression: update,
          ConditionExpression: ['#status = :pending', extraCondition].filter(Boolean).join(' AND '),
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ...values, ':pending': 'pending' },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
