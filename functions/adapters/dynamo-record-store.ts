import type { RecordStore } from '../domain/ports.js';
import type { MedicalRecord, RecordStatus } from '../domain/records.js';
import { isConditionFailure } from './dynamo-errors.js';
import type { ItemClient } from './item-client.js';
import { fromItem } from './keys.js';
import { queryByPrefix } from './query.js';

const recordKey = (caseId: string, recordId: string) => ({ PK: `CASE#${caseId}`, SK: `RECORD#${recordId}` });

/** RECORD items: metadata only; the files live in S3. */
export class DynamoRecordStore implements RecordStore {
  constructor(
    private readonly db: ItemClient,
    private readonly tableName: string,
  ) {}

  async put(record: MedicalRecord): Promise<boolean> {
    try {
      await this.db.put({
        TableName: this.tableName,
        Item: { ...recordKey(record.caseId, record.recordId), ...record },
        ConditionExpression: 'attribute_not_exists(PK)',
      });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async get(caseId: string, recordId: string): Promise<MedicalRecord | undefined> {
    const { Item } = await this.db.get({
      TableName: this.tableName,
      Key: recordKey(caseId, recordId),
      ConsistentRead: true,
    });
    return Item ? fromItem<MedicalRecord>(Item) : undefined;
  }

  list(caseId: string): Promise<MedicalRecord[]> {
    return queryByPrefix<MedicalRecord>(this.db, this.tableName, `CASE#${caseId}`, 'RECORD#');
  }

  async settle(
    caseId: string,
    recordId: string,
    outcome: Pick<MedicalRecord, 'status' | 'refusedReason' | 'receivedAt'>,
    from: RecordStatus = 'requested',
  ): Promise<boolean> {
    try {
      await this.db.update({
        TableName: this.tableName,
        Key: recordKey(caseId, recordId),
        UpdateExpression: 'SET #status = :status, receivedAt = :at, refusedReason = :reason',
        ConditionExpression: '#status = :from',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': outcome.status,
          ':at': outcome.receivedAt ?? new Date().toISOString(),
          ':reason': outcome.refusedReason ?? null,
          ':from': from,
        },
      });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
