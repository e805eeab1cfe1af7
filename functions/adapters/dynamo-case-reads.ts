import type { CaseRecord, TimelineEvent } from '../domain/case.js';
import type { CaseReads } from '../domain/ports.js';
import type { ItemClient } from './item-client.js';
import { caseKey, fromItem, isShown } from './keys.js';
import { queryByPrefix } from './query.js';

/**
 * A case and its timeline, read only: for the functions that show a case and never move it (the links that
 * read, the report, the status page). A bundle keeps every method of a class it uses; DynamoCaseStore adds
 * the writes (and the queue's place they keep).
 */
export class DynamoCaseReads implements CaseReads {
  constructor(
    protected readonly db: ItemClient,
    protected readonly tableName: string,
  ) {}

  async get(caseId: string): Promise<CaseRecord | undefined> {
    const { Item } = await this.db.get({
      TableName: this.tableName,
      Key: caseKey(caseId),
      ConsistentRead: true,
    });
    return Item ? fromItem<CaseRecord>(Item) : undefined;
  }

  /** Each applied step's event once, and intake's (keys.ts, isShown). */
  async timeline(caseId: string, asOf?: Pick<CaseRecord, 'steps'>): Promise<TimelineEvent[]> {
    const steps = (asOf ?? (await this.get(caseId)))?.steps;
    if (!steps) return [];
    return queryByPrefix<TimelineEvent>(this.db, this.tableName, `CASE#${caseId}`, 'EVENT#', (item) =>
      isShown(item, steps),
    );
  }
}
