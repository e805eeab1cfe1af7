import {
  LINK_PATHS,
  linkExpiry,
  workflowOutput,
  type CallbackKind,
  type CallbackRecord,
  type DecisionStep,
} from '../domain/callback.js';
import { type CallbackDecision } from '../domain/decision.js';
import { isStopped, resumedKey, type CaseRecord, type CaseStatus, type StepChanges } from '../domain/case.js';
import type {
  AssignmentStore,
  CallbackRevisions,
  CallbackWaits,
  CallbackStore,
  CaseReads,
  CaseStore,
  Directory,
  Outbox,
  OutgoingEmail,
  RecordStore,
  Secrets,
  TaskCallbacks,
} from '../domain/ports.js';
import { dueAfter } from '../domain/queue.js';
import { callbackId } from '../domain/signed-link.js';
import { AlreadyDecidedError, CallbackExpiredError, GoneError, NotFoundError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { identityKey, linkSignature, verifyLinkSignature } from './link-signatures.js';
import { requireCase } from './require-case.js';

export interface CallbackSettings {
  publicUrl: string;
  coordinatorEmail: string;
  approvalReminders: number;
  recordsReminders: number;
  opinionReminders: number;
}

export interface CallbackPorts {
  cases: CaseStore;
  callbacks: CallbackStore;
  outbox: Outbox;
  tasks: TaskCallbacks;
  secrets: Secrets;
  directory: Directory;
  records: RecordStore;
  assignments: AssignmentStore;
  settings: CallbackSettings;
}

/** The callback ports with the store that keeps the wait: the request step and its timer. */
export type WaitPorts = CallbackPorts & { callbacks: CallbackWaits };

/** The callback ports with a coordinator's revisions: re-send and extend. */
export type RevisionPorts = CallbackPorts & { callbacks: CallbackRevisions };

export interface CallbackRef {
  caseId: string;
  kind: CallbackKind;
  purpose: string;
  round: number;
}

/**
 * A request step's ref, and the case's resume count where the step's expiry stops the case (the ASL passes it
 * only there): a resumed execution asks such a request again instead of stopping again.
 */
export type RequestRef = CallbackRef & { resume?: number };

/** The key of a callback's step and messages: a request asked again after a resume has its own. */
export const callbackKeyOf = (record: Pick<CallbackRecord, 'callbackId' | 'resume'>): string =>
  resumedKey(`callback:${record.callbackId}`, record.resume);

/** How a kind of callback is addressed and worded: the only part that differs between kinds. */
export interface CallbackPresenter {
  /** Who is asked; `record` is the case as it is being read, so a presenter that needs none need not wait. */
  recipient(record: Promise<CaseRecord>, ports: CallbackPorts, ref: CallbackRef): Promise<string>;
  /** Reminders before the callback expires (each after one timeout). */
  reminders(settings: CallbackSettings): number;
  waitingStatus: CaseStatus;
  requestEmail(
    to: string,
    ref: CallbackRef,
    link: string,
    reminder?: number,
    details?: string[],
  ): OutgoingEmail;
  /**
   * Where the request stands, from one look: lines for the request and each reminder (e.g. what is
   * still missing), and an answer the system can give itself (e.g. every record has arrived), when it
   * can, so no human is asked.
   */
  progress?(record: CaseRecord, ports: CallbackPorts, ref: CallbackRef): Promise<CallbackProgress>;
}

/** How a kind of callback takes a decision, wherever it is taken (its emailed link, the console). */
export interface DecisionRule {
  /** The answer from a request body (form fields or JSON); a ValidationError names each bad field. */
  parse(callback: CallbackRecord, body: unknown): Omit<CallbackDecision, 'decidedBy' | 'decidedAt'>;
  /** What the decision does to the case, stored with it. */
  effects(decision: CallbackDecision, caseRecord: CaseRecord): StepChanges;
}

/** A link opened: its callback and the case it belongs to, as read when it was opened. */
export interface OpenedCallback {
  callback: CallbackRecord;
  caseRecord: CaseRecord;
}

export interface CallbackProgress {
  details: string[];
  settled?: Omit<CallbackDecision, 'decidedBy' | 'decidedAt'>;
}

/** Who decides when the evidence does (every record in): the system, whose answer no link's expiry stops. */
const SYSTEM = 'concord';

/** Decides a pending callback with the system's own answer; someone deciding first is no error. */
async function settle(
  callback: CallbackRecord,
  caseRecord: CaseRecord,
  answer: Omit<CallbackDecision, 'decidedBy' | 'decidedAt'>,
  ports: CallbackPorts,
): Promise<void> {
  try {
    await decideCallback({ callback, caseRecord }, answer, () => ({}), ports, SYSTEM);
  } catch (error) {
    // Someone else settled it first: the first decision stands and reaches the task.
    if (!(error instanceof AlreadyDecidedError)) throw error;
  }
}

/**
 * Decides a pending callback the presenter finds settled; answers whether it did. `caseRecord` may
 * have been read earlier in the same call: the presenter reads only what does not change (the intake).
 */
export async function settleIfDone(
  callback: CallbackRecord,
  caseRecord: CaseRecord,
  presenter: CallbackPresenter,
  ports: CallbackPorts,
): Promise<boolean> {
  const answer = (await presenter.progress?.(caseRecord, ports, callback))?.settled;
  if (!answer) return false;
  await settle(callback, caseRecord, answer, ports);
  return true;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

export async function linkFor(
  record: CallbackRecord,
  ports: { secrets: Secrets; settings: Pick<CallbackSettings, 'publicUrl'> },
): Promise<string> {
  const path = LINK_PATHS[record.kind];
  const sig = await linkSignature(ports.secrets, record.callbackId, path, linkExpiry(record));
  return `${ports.settings.publicUrl}/${path}/${record.callbackId}?sig=${sig}`;
}

/**
 * The callback step: stores the task token server-side and sends the request once. A replayed
 * execution finds its own record: decided → answered at once; pending → new token, no new email;
 * expired → CallbackExpiredError, unless the case was resumed since (`ref.resume`): then the request is
 * asked again, pending with a fresh link and deadline, once per resume.
 */
export async function requestCallback(
  ref: RequestRef,
  wait: { taskToken: string; timeoutSeconds: number },
  presenter: CallbackPresenter,
  ports: WaitPorts,
): Promise<void> {
  const { taskToken, timeoutSeconds } = wait;
  const { resume, ...callbackRef } = ref;
  const id = callbackId(await identityKey(ports.secrets), ref.caseId, ref.kind, ref.purpose, ref.round);
  const caseRead = requireCase(ports.cases, ref.caseId);
  // A presenter that needs no case to name the recipient (a specialist's) reads alongside the case read.
  // Nothing is stored before the case is found, and a missing case is the error that tells.
  const recipientRead = presenter.recipient(caseRead, ports, ref);
  recipientRead.catch(() => undefined);
  const caseRecord = await caseRead;
  const recipient = await recipientRead;
  const requestedAt = new Date();
  const fresh: CallbackRecord = {
    callbackId: id,
    ...callbackRef,
    status: 'pending',
    recipient,
    taskToken,
    createdAt: requestedAt.toISOString(),
    // Due when the state's first wait ends (reminders follow): the queue's due time.
    dueAt: dueAfter(requestedAt, timeoutSeconds),
    // Valid through the state's timeout once per reminder, plus the final wait.
    expiresAt: nowSeconds() + timeoutSeconds * (presenter.reminders(ports.settings) + 1),
    remindersSent: 0,
  };
  // Create, or hand the pending record the new token and the replayed wait's expiry (the state's timeout
  // starts again, so a later reminder's link lives as long as the wait); either fails once not pending.
  const created = await ports.callbacks.create(fresh);
  const stored =
    created ||
    (await ports.callbacks.replaceToken(id, taskToken, fresh.expiresAt)) ||
    (resume !== undefined &&
      resume > 0 &&
      (await ports.callbacks.revive(
        id,
        { taskToken, expiresAt: fresh.expiresAt, ...(fresh.dueAt ? { dueAt: fresh.dueAt } : {}) },
        resume,
      )));
  // Created: the record is ours. Otherwise a replay's: read it for what it was first stored with.
  const record = created ? fresh : ((await ports.callbacks.get(id)) ?? fresh);
  if (!stored) {
    if (record.status !== 'decided') throw new CallbackExpiredError(id);
    await deliverDecision(record, caseRecord, taskToken, ports);
    return;
  }
  // Together, as none depends on another: the step's writes (event, then status, in that order), what
  // the presenter sees (read after the callback exists, so a concurrent upload either finds the callback
  // pending or is seen here) and whether the request went out already (a replay sends nothing).
  const key = callbackKeyOf(record);
  const request = ports.outbox.message(ref.caseId, `${key}:request`);
  const [, progress] = await Promise.all([
    ports.cases.recordStep(
      ref.caseId,
      key,
      { status: presenter.waitingStatus, dueAt: record.dueAt },
      { type: `${ref.kind}-requested`, detail: ref.purpose, actor: 'concord' },
      caseRecord,
    ),
    presenter.progress?.(caseRecord, ports, ref),
  ]);
  if (progress?.settled) {
    await settle(record, caseRecord, progress.settled, ports);
    return;
  }
  const link = await linkFor(record, ports);
  await request.send(
    presenter.requestEmail(record.recipient, callbackRef, link, undefined, progress?.details ?? []),
  );
}

/**
 * A callback state timed out: send a reminder, or, when reminders are used up, expire the link and
 * stop the workflow (CallbackExpiredError sends the case to needs-attention and alerts the coordinator).
 */
export async function callbackTimedOut(
  ref: CallbackRef,
  presenter: CallbackPresenter,
  ports: WaitPorts,
): Promise<{ remindersSent: number }> {
  const id = callbackId(await identityKey(ports.secrets), ref.caseId, ref.kind, ref.purpose, ref.round);
  // Both read together; a decided callback needs no case, so a missing one matters only after that.
  const caseRead = requireCase(ports.cases, ref.caseId);
  caseRead.catch(() => undefined);
  const record = await ports.callbacks.get(id);
  if (!record) throw new NotFoundError(`No callback ${id}`);
  if (record.status === 'decided') return { remindersSent: record.remindersSent };
  const caseRecord = await caseRead;
  const progress =
    record.status === 'pending' ? await presenter.progress?.(caseRecord, ports, ref) : undefined;
  if (progress?.settled) {
    await settle(record, caseRecord, progress.settled, ports);
    return { remindersSent: record.remindersSent };
  }
  const remindersLeft = record.remindersSent < presenter.reminders(ports.settings);
  // A coordinator extended the step: reminders used up, it waits again, silently, until the deadline passes.
  if (record.status === 'pending' && !remindersLeft && (record.deadline ?? 0) > nowSeconds()) {
    return { remindersSent: record.remindersSent };
  }
  if (record.status === 'expired' || !remindersLeft) {
    if (!(await ports.callbacks.expire(id))) {
      // Answered while the timer fired: the decision stands and the replayed step delivers it.
      const latest = await ports.callbacks.get(id);
      if (latest?.status === 'decided') return { remindersSent: latest.remindersSent };
    }
    await ports.cases.recordStep(
      ref.caseId,
      resumedKey(`callback-expired:${id}`, record.resume),
      {},
      {
        type: `${ref.kind}-expired`,
        detail: `${ref.purpose}: no answer after ${record.remindersSent} reminder(s)`,
        actor: 'concord',
      },
      caseRecord,
    );
    throw new CallbackExpiredError(id);
  }
  const reminder = record.remindersSent + 1;
  const link = await linkFor(record, ports);
  // Sent, then counted: a retry after a fault between the two finds this reminder sent and counts it,
  // rather than skipping to the next. The outbox looks for the reminder itself, right before sending:
  // two runs of the same timeout at once then overlap as little as they can.
  await ports.outbox.sendOnce(
    ref.caseId,
    `${callbackKeyOf(record)}:reminder:${reminder}`,
    presenter.requestEmail(record.recipient, ref, link, reminder, progress?.details ?? []),
  );
  await ports.callbacks.countReminder(id, record.remindersSent);
  return { remindersSent: reminder };
}

/** What a link shows: the checks every GET, HEAD and POST makes, in the order of the API contract. */
export async function openCallback(
  id: string,
  sig: string | undefined,
  expectedKind: CallbackKind,
  ports: Pick<CallbackPorts, 'callbacks' | 'secrets'> & { cases: CaseReads },
): Promise<OpenedCallback> {
  const { expired } = await verifyLinkSignature(ports.secrets, id, LINK_PATHS[expectedKind], sig);
  const callback = await ports.callbacks.get(id);
  if (!callback || callback.kind !== expectedKind)
    throw new NotFoundError('This link does not lead anywhere');
  if (callback.status === 'decided' && callback.decision) {
    throw alreadyDecided(callback.decision);
  }
  // A coordinator's extension (a deadline on the record) keeps working the links already sent, whose signed
  // expiry is earlier: the signature still proves the link, and the record says until when it is good.
  const extended = (callback.deadline ?? 0) > nowSeconds();
  if ((expired && !extended) || callback.status === 'expired' || linkExpiry(callback) <= nowSeconds()) {
    throw new GoneError('This link has expired');
  }
  const caseRecord = await ports.cases.get(callback.caseId);
  if (!caseRecord) throw new NotFoundError('This link does not lead anywhere');
  // The workflow stopped (needs-attention) or ended: no task waits for an answer, so none is taken.
  if (isStopped(caseRecord.status)) throw new GoneError('This case no longer waits for this answer');
  return { callback, caseRecord };
}

/** The 409 for a callback decided before: who, when, and where (the console), as the first decision says. */
export const alreadyDecided = ({ decidedBy, decidedAt, via }: CallbackDecision) =>
  new AlreadyDecidedError(decidedBy, decidedAt, via);

/**
 * Opens a link to decide it (a POST). A callback already decided answers 409 as it does for a page, but
 * first its decision goes to the case and the waiting task again (each is applied once, so this is safe to
 * repeat): a decider that stopped right after storing it, with the person retrying, must not leave the case
 * waiting until the state's timeout brings the decision.
 */
export async function openCallbackToDecide(
  id: string,
  sig: string | undefined,
  expectedKind: CallbackKind,
  ports: Pick<CallbackPorts, 'callbacks' | 'cases' | 'secrets' | 'tasks'>,
): Promise<OpenedCallback> {
  try {
    return await openCallback(id, sig, expectedKind, ports);
  } catch (error) {
    if (error instanceof AlreadyDecidedError) await deliverIfDecided((await ports.callbacks.get(id))!, ports);
    throw error;
  }
}

/**
 * A decided callback's decision, sent on again to the case and the waiting task while the case runs (each is
 * applied once, so this is safe to repeat): what a second attempt to decide does before it answers 409.
 */
export async function deliverIfDecided(
  decided: CallbackRecord,
  ports: Pick<CallbackPorts, 'cases' | 'tasks'>,
): Promise<void> {
  const caseRecord = await ports.cases.get(decided.caseId);
  if (caseRecord && !isStopped(caseRecord.status))
    await deliverDecision(decided, caseRecord, decided.taskToken, ports);
}

/** A decided callback's decision, to the case (its step, applied once) and to the task waiting with `taskToken`. */
async function deliverDecision(
  decided: CallbackRecord,
  caseRecord: CaseRecord,
  taskToken: string,
  ports: Pick<CallbackPorts, 'cases' | 'tasks'>,
): Promise<void> {
  await applyDecisionStep(decided, ports.cases, caseRecord);
  await ports.tasks.succeed(taskToken, workflowOutput(decided.decision!));
}

/** A decided callback's step on the case: applied once, whoever gets there first (decider or replay). */
async function applyDecisionStep(
  decided: CallbackRecord,
  cases: CaseStore,
  caseRecord: CaseRecord,
): Promise<void> {
  // Decided before steps were stored with decisions: its decider applied it.
  if (!decided.decisionStep) return;
  const { changes, event } = decided.decisionStep;
  await cases.recordStep(decided.caseId, `decision:${decided.callbackId}`, changes, event, caseRecord);
}

/**
 * Records a decision: the first wins by conditional write, its step on the case stored with it; then
 * the case (timeline and effects), then the waiting task. A decider stopping after the first write
 * loses nothing: the replayed step (the state's timeout brings it) applies the stored step and answers
 * the task from the stored decision.
 */
export async function decideCallback(
  opened: OpenedCallback,
  answer: Omit<CallbackDecision, 'decidedBy' | 'decidedAt'>,
  effects: (decision: CallbackDecision, caseRecord: CaseRecord) => StepChanges,
  ports: Pick<CallbackPorts, 'callbacks' | 'cases' | 'tasks'>,
  decidedBy: string = opened.callback.recipient,
): Promise<CallbackDecision> {
  const { callback, caseRecord } = opened;
  const decision: CallbackDecision = {
    ...answer,
    decidedBy,
    decidedAt: new Date().toISOString(),
  };
  // The decided record comes back from the write: its task token is the latest, and final (a replayed
  // step replaces a token only while the callback is pending), with no read after the page was opened.
  const detail = [
    `${callback.purpose}: ${decision.decision}`,
    decision.basis && `as ${decision.basis}`,
    decision.reference && `reference ${decision.reference}`,
    decision.comment && `— ${decision.comment}`,
  ]
    .filter(Boolean)
    .join(' ');
  const step: DecisionStep = {
    changes: effects(decision, caseRecord),
    event: {
      type: `${callback.kind}-decided`,
      detail,
      actor: decision.decidedBy,
      via: decision.via,
    },
  };
  // A link's expiry is for people; the system settles a callback that is still pending whenever it finds
  // it settled (the timer firing just after the expiry, say, with every record in).
  const decided = await ports.callbacks.decide(
    callback.callbackId,
    decision,
    step,
    decidedBy === SYSTEM ? 0 : nowSeconds(),
  );
  if (!decided) {
    const now = await ports.callbacks.get(callback.callbackId);
    if (now?.decision) throw alreadyDecided(now.decision);
    throw new GoneError('This link has expired');
  }
  await applyDecisionStep(decided, ports.cases, caseRecord);
  if (!(await ports.tasks.succeed(decided.taskToken, workflowOutput(decision)))) {
    logger.warn('Decision stored; the waiting task was gone and the replayed step will answer it', {
      callbackId: callback.callbackId,
    });
  }
  return decision;
}
