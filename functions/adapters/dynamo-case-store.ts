import type { CaseRecord, StepChanges, TimelineEvent } from '../domain/case.js';
import { DynamoCaseReads } from './dynamo-case-reads.js';
import type { CaseStore } from '../domain/ports.js';
import { CaseNotFoundError } from '../shared/errors.js';
import { isConditionFailure } from './dynamo-errors.js';
import { queuePlaceAfter } from '../domain/queue.js';
import { caseKey, eventKey, queueKeys } from './keys.js';

/** The queue's fields: a new status without a wait, or without a due time, removes them. */
const QUEUE_FIELDS = new Set(['waitingOn', 'dueAt']);

const now = () => new Date().toISOString();

/** The case and its timeline, as the workflow's steps and the links read and move them. */
export class DynamoCaseStore extends DynamoCaseReads implements CaseStore {
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
    const base = known ?? (await this.require(caseId));
    const earlier = base.steps[stepKey];
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
    const removes: string[] = [];
    const fields: Record<string, unknown> = { ...changes };
    if (changes.status) {
      // A new status moves the case in the queue, by the same write.
      const place = queuePlaceAfter({ ...changes, status: changes.status }, base.intake, at);
      Object.assign(fields, place, queueKeys(caseId, place));
    }
    for (const [field, value] of Object.entries(fields)) {
      names[`#${field}`] = field;
      if (value === undefined) {
        if (QUEUE_FIELDS.has(field)) removes.push(`#${field}`);
        else delete names[`#${field}`];
        continue;
      }
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
    try {
      await this.db.update({
        TableName: this.tableName,
        Key: caseKey(caseId),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
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

  /** When the step was applied, if it was; throws for an unknown case. */
  private async appliedAt(caseId: string, stepKey: string): Promise<string | undefined> {
    return (await this.require(caseId)).steps[stepKey];
  }

  private async require(caseId: string): Promise<CaseRecord> {
    const record = await this.get(caseId);
    if (!record) throw new CaseNotFoundError(caseId);
    return record;
  }

  protected async putEvent(caseId: string, event: TimelineEvent, suffix: string): Promise<void> {
    await this.db.put({
      TableName: this.tableName,
      Item: { ...eventKey(caseId, event.at, suffix), ...event },
    });
  }
}
