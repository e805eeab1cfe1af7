import type { Assignment } from '../domain/assignment.js';
import type { CallbackRecord } from '../domain/callback.js';
import type { CaseRecord, TimelineEvent } from '../domain/case.js';
import type { Opinion } from '../domain/opinion.js';
import type { CaseItems, CaseReader } from '../domain/ports.js';
import type { MedicalRecord } from '../domain/records.js';
import { batchGetAll, type ItemClient, type Native } from './item-client.js';
import { callbackKey, fromItem, isShown } from './keys.js';

/**
 * One case whole: every item of its partition (the case, its events, records, assignments and opinions) in
 * one Query, page after page, whatever else the table holds; its callbacks in BatchGetItems.
 */
export class DynamoCaseReader implements CaseReader {
  constructor(
    private readonly db: ItemClient,
    private readonly tableName: string,
  ) {}

  async whole(caseId: string): Promise<CaseItems | undefined> {
    const bySort = new Map<string, Native[]>();
    const items = this.db.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `CASE#${caseId}` },
      ConsistentRead: true,
    });
    for await (const item of items) {
      const kind = String(item.SK).split('#')[0]!;
      bySort.set(kind, [...(bySort.get(kind) ?? []), item]);
    }
    const [caseItem] = bySort.get('CASE') ?? [];
    if (!caseItem) return undefined;
    const record = fromItem<CaseRecord>(caseItem);
    const all = <T>(kind: string, keep: (item: Native) => boolean = () => true) =>
      (bySort.get(kind) ?? []).filter(keep).map((item) => fromItem<T>(item));
    return {
      record,
      timeline: all<TimelineEvent>('EVENT', (item) => isShown(item, record.steps)),
      records: all<MedicalRecord>('RECORD'),
      assignments: all<Assignment>('ASSIGNMENT'),
      opinions: all<Opinion>('OPINION'),
    };
  }

  async callbacks(callbackIds: readonly string[]): Promise<CallbackRecord[]> {
    const items = await batchGetAll(this.db, this.tableName, callbackIds.map(callbackKey));
    return items.map((item) => fromItem<CallbackRecord>(item));
  }
}
