import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Mailer, Outbox, OutgoingEmail } from '../domain/ports.js';
import { isConditionFailure } from './dynamo-errors.js';
import { messageKey } from './keys.js';

/**
 * Effectively-once email: a MESSAGE record is claimed before sending and marked sent after. A
 * replay finds it sent and sends nothing; only a crash between send and mark can repeat a send.
 */
export class DynamoOutbox implements Outbox {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly mailer: Mailer,
  ) {}

  async sendOnce(caseId: string, key: string, email: OutgoingEmail): Promise<boolean> {
    const Key = messageKey(caseId, key);
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...Key, caseId, key, status: 'sending', createdAt: new Date().toISOString() },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const { Item } = await this.db.send(
        new GetCommand({ TableName: this.tableName, Key, ConsistentRead: true }),
      );
      if (Item?.status === 'sent') return false;
    }
    await this.mailer.send(email);
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key,
        UpdateExpression: 'SET #status = :sent, sentAt = :at',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':at': new Date().toISOString() },
      }),
    );
    return true;
  }
}
