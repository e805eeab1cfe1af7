import type { CaseRecord, StepChanges, TimelineEvent } from '../domain/case.js';
import type { CaseStore, IdempotencyClaim } from '../domain/ports.js';
import { CaseNotFoundError } from '../shared/errors.js';
import { isConditionFailure } from './dynamo-errors.js';
import type { ItemClient } from './item-client.js';
import { queryByPrefix } from './query.js';
import { caseKey, eventKey, fromItem, idempotencyKey } from './keys.js';

const now = () => new Date().toISOString();

export class DynamoCaseStore implements CaseStore {
  constructor(
    private readonly db: ItemClient,
    private readonly tableName: string,
  ) {}

  /**
   * Stores a new case, then its first event. A retry finds the case stored and writes the event as the
   * first run would have (at the stored case's time, so over itself), in case that run stopped between.
   */
  async create(record: CaseRecord, event: Omit<TimelineEvent, 'at'>): Promise<void> {
    let createdAt = record.createdAt;
    try {
      await this.db.put({
        TableName: this.tableName,
        Item: { ...caseKey(record.caseId), ...record },
        ConditionExpression: 'attribute_not_exists(PK)',
      });
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const stored = await this.get(record.caseId);
      if (!stored) throw error;
      createdAt = stored.createdAt;
    }
    await this.putEvent(record.caseId, { ...event, at: createdAt }, 'created');
  }

  async get(caseId: string): Promise<CaseRecord | undefined> {
    const { Item } = await this.db.get({
      TableName: this.tableName,
      Key: caseKey(caseId),
      ConsistentRead: true,
    });
    return Item ? fromItem<CaseRecord>(Item) : undefined;
  }

  timeline(caseId: string): Promise<TimelineEvent[]> {
    return queryByPrefix<TimelineEvent>(this.db, this.tableName, `CASE#${caseId}`, 'EVENT#');
  }

  /**
   * Applies a step once. Its timeline event is written before the case changes, so whoever sees the
   * new status also sees why; a replay finds the step applied and rewrites the same event over itself.
   * With the case the caller has just read (`known`) there is no read first: a step it shows applied
   * was applied (steps are never undone), and one it does not show meets the conditional update below,
   * which stays the guard; a stale `known` only costs the concurrent-run path's extra requests.
   */
  async recordStep(
    caseId: string,
    stepKey: string,
    changes: StepChanges,
    event: Omit<TimelineEvent, 'at'>,
    known?: CaseRecord,
  ): Promise<{ applied: boolean; at: string }> {
    if (known && known.caseId !== caseId) throw new Error(`A record of case ${known.caseId}, not ${caseId}`);
    const earlier = known ? known.steps[stepKey] : await this.appliedAt(caseId, stepKey);
    if (earlier) {
      await this.putEvent(caseId, { ...event, at: earlier }, stepKey);
      return { applied: false, at: earlier };
    }
    const at = now();
    await this.putEvent(caseId, { ...event, at }, stepKey);
    const names: Record<string, string> = {
      '#steps': 'steps',
      '#step': stepKey,
      '#updatedAt': 'updatedAt',
      '#version': 'version',
    };
    const values: Record<string, unknown> = { ':at': at, ':one': 1 };
    const sets = ['#steps.#step = :at', '#updatedAt = :at', '#version = #version + :one'];
    for (const [field, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
    try {
      await this.db.update({
        TableName: this.tableName,
        Key: caseKey(caseId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(#steps.#step)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      });
      return { applied: true, at };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // A concurrent run applied it first: keep its event, not ours.
      await this.db.delete({ TableName: this.tableName, Key: eventKey(caseId, at, stepKey) });
      const first = await this.appliedAt(caseId, stepKey);
      if (!first) throw error;
      await this.putEvent(caseId, { ...event, at: first }, stepKey);
      return { applied: false, at: first };
    }
  }

  /** The case first (a received case with no first event reads as one), then its first event. */
  async discard(caseId: string): Promise<boolean> {
    let removed: Record<string, unknown> | undefined;
    try {
      ({ Attributes: removed } = await this.db.delete({
        TableName: this.tableName,
        Key: caseKey(caseId),
        ConditionExpression: '#status = :received',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':received': 'received' },
        ReturnValues: 'ALL_OLD',
      }));
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
    await this.db.delete({
      TableName: this.tableName,
      Key: eventKey(caseId, String(removed?.createdAt), 'created'),
    });
    return true;
  }

  /** When the step was applied, if it was; throws for an unknown case. */
  private async appliedAt(caseId: string, stepKey: string): Promise<string | undefined> {
    const record = await this.get(caseId);
    if (!record) throw new CaseNotFoundError(caseId);
    return record.steps[stepKey];
  }

  async claimIdempotencyKey(
    keyHash: string,
    claim: IdempotencyClaim,
    ttlSeconds: number,
  ): Promise<IdempotencyClaim | undefined> {
    const nowSeconds = Math.floor(Date.now() / 1000);
    try {
      await this.db.put({
        TableName: this.tableName,
        Item: { ...idempotencyKey(keyHash), ...claim, expiresAt: nowSeconds + ttlSeconds },
        // An expired claim may be taken over: TTL deletion is not immediate (and absent locally).
        ConditionExpression: 'attribute_not_exists(PK) OR expiresAt < :now',
        ExpressionAttributeValues: { ':now': nowSeconds },
      });
      return undefined;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const { Item } = await this.db.get({
      TableName: this.tableName,
      Key: idempotencyKey(keyHash),
      ConsistentRead: true,
    });
    if (!Item) throw new Error('Idempotency claim vanished between write and read');
    return { caseId: Item.caseId as string, bodyHash: Item.bodyHash as string };
  }

  private async putEvent(caseId: string, event: TimelineEvent, suffix: string): Promise<void> {
    await this.db.put({
      TableName: this.tableName,
      Item: { ...eventKey(caseId, event.at, suffix), ...event },
    });
  }
}
