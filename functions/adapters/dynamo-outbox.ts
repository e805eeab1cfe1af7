import type { Mailer, Outbox, OutboxMessage, OutgoingEmail } from '../domain/ports.js';
import { isConditionFailure } from './dynamo-errors.js';
import type { ItemClient } from './item-client.js';
import { messageKey } from './keys.js';
import { outboxMessage } from './outbox-message.js';

/**
 * Effectively-once email: a strongly consistent read of the MESSAGE record, the send, then one write
 * marking it sent. A replay reads it sent and sends nothing; only a crash (or a failed write) between
 * send and mark can repeat a send.
 *
 * Why no 'sending' claim written before the send (as this once did, Put 'sending' → send → Update
 * 'sent'): the claim never stopped a send. A run finding 'sending' sent anyway, as it must, since that
 * is also what a send that failed leaves behind; so concurrent runs could both send then as now, and a
 * replay after a crash between send and mark sends again then as now. The only decision the claim fed
 * was "sent already?", which the read answers from the same item, so replays are exactly as safe with
 * one write fewer; and the read, unlike the claim, may overlap a caller's other requests (`message`).
 * The mark is conditional so the first send's record stands, and a 'sending' record left by the old
 * scheme is still marked sent.
 */
export class DynamoOutbox implements Outbox {
  constructor(
    private readonly db: ItemClient,
    private readonly tableName: string,
    private readonly mailer: Mailer,
  ) {}

  async wasSent(caseId: string, key: string): Promise<boolean> {
    const { Item } = await this.db.get({
      TableName: this.tableName,
      Key: messageKey(caseId, key),
      ConsistentRead: true,
      ProjectionExpression: '#status',
      ExpressionAttributeNames: { '#status': 'status' },
    });
    return Item?.status === 'sent';
  }

  message(caseId: string, key: string): OutboxMessage {
    return outboxMessage(this.wasSent(caseId, key), (email, sent) => this.sendOnce(caseId, key, email, sent));
  }

  /** `sent`: what `wasSent` answered for this key earlier in the same call; then the outbox does not look again. */
  async sendOnce(caseId: string, key: string, email: OutgoingEmail, sent?: boolean): Promise<boolean> {
    if (sent ?? (await this.wasSent(caseId, key))) return false;
    const attemptedAt = new Date().toISOString();
    await this.mailer.send({ ...email, caseId });
    try {
      await this.db.put({
        TableName: this.tableName,
        Item: {
          ...messageKey(caseId, key),
          caseId,
          key,
          status: 'sent',
          createdAt: attemptedAt,
          sentAt: new Date().toISOString(),
        },
        ConditionExpression: 'attribute_not_exists(PK) OR #status <> :sent',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent' },
      });
    } catch (error) {
      // A concurrent run marked it first; its record stands.
      if (!isConditionFailure(error)) throw error;
    }
    return true;
  }
}
