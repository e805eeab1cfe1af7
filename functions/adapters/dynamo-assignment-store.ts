import type { Assignment } from '../domain/assignment.js';
import type { Opinion } from '../domain/opinion.js';
import type { AssignmentStore } from '../domain/ports.js';
import { isConditionFailure } from './dynamo-errors.js';
import type { ItemClient } from './item-client.js';
import { assignmentKey, fromItem, opinionKey } from './keys.js';
import { queryByPrefix } from './query.js';

type StoredOpinion = Opinion & { callbackId: string };

/** ASSIGNMENT#n and OPINION#n items of a case: created once, moved on by conditional writes. */
export class DynamoAssignmentStore implements AssignmentStore {
  constructor(
    private readonly db: ItemClient,
    private readonly tableName: string,
  ) {}

  put(assignment: Assignment): Promise<Assignment> {
    return this.putOnce(assignmentKey(assignment.caseId, assignment.attempt), assignment);
  }

  async get(caseId: string, attempt: number): Promise<Assignment | undefined> {
    const { Item } = await this.db.get({
      TableName: this.tableName,
      Key: assignmentKey(caseId, attempt),
      ConsistentRead: true,
    });
    return Item ? fromItem<Assignment>(Item) : undefined;
  }

  list(caseId: string): Promise<Assignment[]> {
    return queryByPrefix<Assignment>(this.db, this.tableName, `CASE#${caseId}`, 'ASSIGNMENT#');
  }

  async update(
    caseId: string,
    attempt: number,
    changes: Partial<
      Pick<Assignment, 'status' | 'outcome' | 'acceptedAt' | 'declinedAt' | 'submission' | 'submittedAt'>
    >,
    from: ReadonlyArray<Assignment['status']>,
  ): Promise<Assignment | undefined> {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = {};
    from.forEach((status, i) => (values[`:from${i}`] = status));
    for (const [field] of entries) names[`#${field}`] = field;
    for (const [field, value] of entries) values[`:${field}`] = value;
    try {
      const { Attributes } = await this.db.update({
        TableName: this.tableName,
        Key: assignmentKey(caseId, attempt),
        UpdateExpression: `SET ${entries.map(([field]) => `#${field} = :${field}`).join(', ')}`,
        // A submission is written once: a second one finds it there.
        ConditionExpression: `#status IN (${from.map((_, i) => `:from${i}`).join(', ')})${
          changes.submission ? ' AND attribute_not_exists(submission)' : ''
        }`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        // The attempt as changed comes back with the write: no read after it.
        ReturnValues: 'ALL_NEW',
      });
      if (!Attributes) throw new Error(`Assignment ${attempt} of case ${caseId} came back empty`);
      return fromItem<Assignment>(Attributes);
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  putOpinion(caseId: string, opinion: StoredOpinion): Promise<StoredOpinion> {
    return this.putOnce(opinionKey(caseId, opinion.number), opinion);
  }

  opinions(caseId: string): Promise<Opinion[]> {
    return queryByPrefix<Opinion>(this.db, this.tableName, `CASE#${caseId}`, 'OPINION#');
  }

  private async putOnce<T extends object>(key: { PK: string; SK: string }, item: T): Promise<T> {
    try {
      await this.db.put({
        TableName: this.tableName,
        Item: { ...key, ...item },
        ConditionExpression: 'attribute_not_exists(PK)',
      });
      return item;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const { Item } = await this.db.get({ TableName: this.tableName, Key: key, ConsistentRead: true });
      if (!Item) throw error;
      return fromItem<T>(Item);
    }
  }
}
