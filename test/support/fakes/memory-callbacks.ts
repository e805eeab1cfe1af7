import type { CallbackDecision } from '../../../functions/domain/decision.js';
import { linkExpiry, type CallbackRecord, type DecisionStep } from '../../../functions/domain/callback.js';
import type { CallbackRevisions, CallbackWaits, TaskCallbacks } from '../../../functions/domain/ports.js';

/**
 * CallbackWaits and CallbackRevisions (so also CallbackStore) in memory with the Dynamo stores' conditional semantics: `create` only if absent;
 * `replaceToken`, `decide`, `countReminder`, `countResend`, `extend` and `expire` only while pending;
 * `decide` only while unexpired; the counts only from the count the caller saw; `revive` only once expired. Records are copied in and out.
 */
export class MemoryCallbackStore implements CallbackWaits, CallbackRevisions {
  private readonly records = new Map<string, CallbackRecord>();

  async get(callbackId: string): Promise<CallbackRecord | undefined> {
    const record = this.records.get(callbackId);
    return record && structuredClone(record);
  }

  async create(record: CallbackRecord): Promise<boolean> {
    if (this.records.has(record.callbackId)) return false;
    this.records.set(record.callbackId, structuredClone(record));
    return true;
  }

  async replaceToken(callbackId: string, taskToken: string, expiresAt: number): Promise<boolean> {
    return this.whilePending(callbackId, () => true, { taskToken, expiresAt });
  }

  async decide(
    callbackId: string,
    decision: CallbackDecision,
    step: DecisionStep,
    nowSeconds: number,
  ): Promise<CallbackRecord | undefined> {
    const decided = this.whilePending(callbackId, (record) => linkExpiry(record) > nowSeconds, {
      status: 'decided',
      decision: structuredClone(decision),
      decisionStep: structuredClone(step),
    });
    return decided ? structuredClone(this.records.get(callbackId)) : undefined;
  }

  async countReminder(callbackId: string, remindersSent: number): Promise<boolean> {
    return this.whilePending(callbackId, (record) => record.remindersSent === remindersSent, {
      remindersSent: remindersSent + 1,
    });
  }

  async countResend(callbackId: string, resends: number): Promise<boolean> {
    return this.whilePending(callbackId, (record) => (record.resends ?? 0) === resends, {
      resends: resends + 1,
    });
  }

  async extend(callbackId: string, deadline: number): Promise<boolean> {
    return this.whilePending(callbackId, (record) => (record.deadline ?? 0) < deadline, {
      deadline,
      dueAt: new Date(deadline * 1000).toISOString(),
    });
  }

  async revive(
    callbackId: string,
    wait: { taskToken: string; expiresAt: number; dueAt?: string },
    resume: number,
  ): Promise<boolean> {
    const record = this.records.get(callbackId);
    if (!record || record.status !== 'expired' || (record.resume ?? 0) >= resume) return false;
    delete record.deadline;
    Object.assign(record, { status: 'pending', ...structuredClone(wait), remindersSent: 0, resume });
    return true;
  }

  async expire(callbackId: string): Promise<boolean> {
    return this.whilePending(callbackId, () => true, { status: 'expired' });
  }

  /** Test hook: changes a stored record behind the use case's back (e.g. moves its expiry). */
  patch(callbackId: string, changes: Partial<CallbackRecord>): void {
    const record = this.records.get(callbackId);
    if (!record) throw new Error(`No callback ${callbackId}`);
    Object.assign(record, structuredClone(changes));
  }

  size(): number {
    return this.records.size;
  }

  private whilePending(
    callbackId: string,
    condition: (record: CallbackRecord) => boolean,
    changes: Partial<CallbackRecord>,
  ): boolean {
    const record = this.records.get(callbackId);
    if (!record || record.status !== 'pending' || !condition(record)) return false;
    Object.assign(record, changes);
    return true;
  }
}

/** Step Functions' task answers, recorded; a token can be declared gone (timed out, execution restarted). */
export class RecordingTaskCallbacks implements TaskCallbacks {
  readonly succeeded: Array<{ taskToken: string; output: unknown }> = [];
  readonly failed: Array<{ taskToken: string; error: string; cause: string }> = [];
  /** Every call, answered or not. */
  readonly attempts: string[] = [];
  private readonly gone = new Set<string>();

  markGone(taskToken: string): void {
    this.gone.add(taskToken);
  }

  async succeed(taskToken: string, output: unknown): Promise<boolean> {
    this.attempts.push(taskToken);
    if (this.gone.has(taskToken)) return false;
    this.succeeded.push({ taskToken, output: structuredClone(output) });
    // A task is answered once; after that its token is spent.
    this.gone.add(taskToken);
    return true;
  }

  async fail(taskToken: string, error: string, cause: string): Promise<boolean> {
    this.attempts.push(taskToken);
    if (this.gone.has(taskToken)) return false;
    this.failed.push({ taskToken, error, cause });
    this.gone.add(taskToken);
    return true;
  }
}
