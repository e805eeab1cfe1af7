import type { RecordStore } from '../domain/ports.js';
import type { MedicalRecord, RecordOutcome, RecordStatus } from '../domain/records.js';
import { isConditionFailure } from './dynamo-errors.js';
import type { ItemClient } from './item-client.js';
import { fromItem } from './keys.js';
import { queryByPrefix } from './query.js';

const recordKey = (caseId: string, recordId: string) => ({ PK: `CASE#${caseId}`, SK: `RECORD#${recordId}` });

/** What a settled record's outcome may say; each settle sets its own and removes the others. */
const OUTCOME_ATTRIBUTES = ['kind', 'refusedCode', 'refusedReason', 'refusedMember'] as const;

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
    outcome: RecordOutcome,
    from: RecordStatus = 'requested',
  ): Promise<boolean> {
    const set: Record<string, unknown> = {
      ...outcome,
      receivedAt: outcome.receivedAt ?? new Date().toISOString(),
    };
    // What an earlier outcome said goes: a refusal's code and reason once received, the kind once refused.
    const remove = OUTCOME_ATTRIBUTES.filter((name) => set[name] === undefined);
    const names = Object.keys(set).filter((name) => set[name] !== undefined);
    try {
      await this.db.update({
        TableName: this.tableName,
        Key: recordKey(caseId, recordId),
        UpdateExpression:
          `SET ${names.map((name) => `#${name} = :${name}`).join(', ')}` +
          (remove.length ? ` REMOVE ${remove.map((name) => `#${name}`).join(', ')}` : ''),
        ConditionExpression: '#status = :from',
        ExpressionAttributeNames: Object.fromEntries([...names, ...remove].map((name) => [`#${name}`, name])),
        ExpressionAttributeValues: {
          ...Object.fromEntries(names.map((name) => [`:${name}`, set[name]])),
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
