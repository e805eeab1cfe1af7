import type { CaseRecord } from '../domain/case.js';
import type { ConfirmOutcome, UnconfirmedCases } from '../domain/ports.js';
import { CONFIRMED_STEP } from '../domain/confirmation.js';
import { isConditionFailure } from './dynamo-errors.js';
import { DynamoCaseStore } from './dynamo-case-store.js';
import { caseKey, eventKey, fromItem, messageKey, queueKeys, UNCONFIRMED_QUEUE } from './keys.js';

const GSI2 = 'GSI2';

/** A confirmed case's first place in the console's queue: received, nothing due yet. */
function queueValues(caseId: string, at: string): { ':queue': string; ':order': string } {
  const { GSI2PK, GSI2SK } = queueKeys(caseId, { status: 'received', waitingSince: at });
  return { ':queue': GSI2PK, ':order': GSI2SK };
}

/** Intakes waiting for their submitter: confirmed (off the queue, on to the workflow) or, once expired, deleted. */
export class DynamoUnconfirmedCases extends DynamoCaseStore implements UnconfirmedCases {
  /**
   * The event first, then the case: `received`, moved from the unconfirmed partition into the console's queue,
   * only while it is unconfirmed and unexpired. A refusal says why, from the case as it is now.
   */
  async confirm(caseId: string, nowSeconds: number): Promise<ConfirmOutcome> {
    const at = new Date().toISOString();
    await this.putEvent(caseId, { at, type: 'case-confirmed' }, CONFIRMED_STEP);
    try {
      const { Attributes } = await this.db.update({
        TableName: this.tableName,
        Key: caseKey(caseId),
        UpdateExpression:
          'SET #status = :received, #steps.#step = :at, updatedAt = :at, #version = #version + :one, ' +
          'waitingSince = :at, GSI2PK = :queue, GSI2SK = :order REMOVE confirmBy',
        ConditionExpression: '#status = :unconfirmed AND confirmBy > :now',
        ExpressionAttributeNames: {
          '#status': 'status',
          '#steps': 'steps',
          '#step': CONFIRMED_STEP,
          '#version': 'version',
        },
        ExpressionAttributeValues: {
          ':received': 'received',
          ':unconfirmed': 'awaiting-confirmation',
          ':at': at,
          ':one': 1,
          ':now': nowSeconds,
          ...queueValues(caseId, at),
        },
        ReturnValues: 'ALL_NEW',
      });
      return { outcome: 'confirmed', record: fromItem<CaseRecord>(Attributes!) };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    await this.db.delete({ TableName: this.tableName, Key: eventKey(caseId, at, CONFIRMED_STEP) });
    const record = await this.get(caseId);
    if (!record) return { outcome: 'missing' };
    return { outcome: record.status === 'awaiting-confirmation' ? 'expired' : 'already-confirmed', record };
  }

  async due(nowSeconds: number, limit: number): Promise<string[]> {
    const { Items } = await this.db.query({
      TableName: this.tableName,
      IndexName: GSI2,
      KeyConditionExpression: 'GSI2PK = :queue AND GSI2SK < :now',
      ExpressionAttributeValues: {
        ':queue': UNCONFIRMED_QUEUE,
        ':now': new Date(nowSeconds * 1000).toISOString(),
      },
      Limit: limit,
    });
    return Items.map((item) => String(item.caseId));
  }

  /**
   * Everything of the case's partition but the case, its confirmation message, then the case itself (so a stop
   * midway leaves it on the queue, to be finished next time), and only while it is unconfirmed and expired.
   */
  async purge(caseId: string, nowSeconds: number, messageKeys: readonly string[]): Promise<boolean> {
    const record = await this.get(caseId);
    if (!record || record.status !== 'awaiting-confirmation' || (record.confirmBy ?? 0) > nowSeconds)
      return false;
    const partition = this.db.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `CASE#${caseId}` },
      ProjectionExpression: 'PK, SK',
      ConsistentRead: true,
    });
    for await (const item of partition) {
      if (item.SK === 'CASE') continue;
      await this.db.delete({ TableName: this.tableName, Key: { PK: item.PK, SK: item.SK } });
    }
    for (const key of messageKeys)
      await this.db.delete({ TableName: this.tableName, Key: messageKey(caseId, key) });
    try {
      await this.db.delete({
        TableName: this.tableName,
        Key: caseKey(caseId),
        ConditionExpression: '#status = :unconfirmed AND confirmBy <= :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':unconfirmed': 'awaiting-confirmation', ':now': nowSeconds },
      });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
