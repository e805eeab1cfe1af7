import { linkExpiry } from '../../domain/callback.js';
import { isStopped } from '../../domain/case.js';
import { MAX_WAIT_SECONDS } from '../../shared/config.js';
import { AlreadyDecidedError, ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js';
import {
  callbackKeyOf,
  linkFor,
  type CallbackPorts,
  type OpenedCallback,
  type RevisionPorts,
} from '../callbacks.js';
import { PRESENTERS } from '../presenters.js';
import { caseToActOn } from './action.js';

/** A coordinator's action on one pending step (a callback) of a case. */
export interface PendingStepAction {
  caseId: string;
  callbackId: string;
  actor: string;
  reason?: string;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const because = (reason: string | undefined) => (reason ? ` (${reason})` : '');

/** The step, while it is pending on a case that still waits for it; else 404 or a 409 saying why not. */
async function pendingStep(
  { caseId, callbackId }: PendingStepAction,
  ports: Pick<CallbackPorts, 'callbacks' | 'cases'>,
): Promise<OpenedCallback> {
  const [callback, caseRecord] = await Promise.all([
    ports.callbacks.get(callbackId),
    caseToActOn(ports.cases, caseId),
  ]);
  if (!callback || callback.caseId !== caseId)
    throw new NotFoundError(`Case ${caseId} has no step ${callbackId}`);
  if (callback.decision)
    throw new AlreadyDecidedError(callback.decision.decidedBy, callback.decision.decidedAt);
  if (isStopped(caseRecord.status))
    throw new ConflictError(`Case ${caseId} is ${caseRecord.status}: no step of it waits for an answer`);
  if (callback.status !== 'pending' || linkExpiry(callback) <= nowSeconds())
    throw new ConflictError(`Step ${callbackId} has expired: it no longer waits for an answer`);
  return { callback, caseRecord };
}

/**
 * Re-send: the step's request again, with a freshly signed link, to the same recipient; the deadline does not
 * move. Each re-send is its own message (`…:resend:<n>`), sent once however often a retry repeats it, then counted.
 */
export async function resendLink(
  action: PendingStepAction,
  ports: RevisionPorts,
): Promise<{ resends: number; expiresAt: string }> {
  const { callback, caseRecord } = await pendingStep(action, ports);
  const presenter = PRESENTERS[callback.kind];
  const resends = (callback.resends ?? 0) + 1;
  const key = `${callbackKeyOf(callback)}:resend:${resends}`;
  const [link, progress] = await Promise.all([
    linkFor(callback, ports),
    presenter.progress?.(caseRecord, ports, callback),
  ]);
  await ports.outbox.sendOnce(
    action.caseId,
    key,
    presenter.requestEmail(callback.recipient, callback, link, undefined, progress?.details ?? []),
  );
  await ports.callbacks.countResend(callback.callbackId, resends - 1);
  await ports.cases.recordStep(
    action.caseId,
    key,
    {},
    { type: 'link-resent', detail: `${callback.purpose}${because(action.reason)}`, actor: action.actor },
    caseRecord,
  );
  return { resends, expiresAt: new Date(linkExpiry(callback) * 1000).toISOString() };
}

/**
 * Extend: the step's deadline moves later, to `until` (epoch seconds, at most MAX_WAIT_SECONDS from now). Its links,
 * those already sent included, work until then, and the step's timeout handler, finding its reminders used up before the deadline, waits
 * again instead of expiring the step: the extension holds, and the step expires at the first timeout after it.
 */
export async function extendDeadline(
  action: PendingStepAction & { until: number },
  ports: Pick<RevisionPorts, 'callbacks' | 'cases'>,
): Promise<{ deadline: string }> {
  const now = nowSeconds();
  if (action.until <= now)
    throw new ValidationError('Invalid extension', [{ path: 'until', message: 'Must be in the future' }]);
  if (action.until > now + MAX_WAIT_SECONDS)
    throw new ValidationError('Invalid extension', [
      { path: 'until', message: `Must be at most ${MAX_WAIT_SECONDS / 86_400} days from now` },
    ]);
  const { callback, caseRecord } = await pendingStep(action, ports);
  const deadline = new Date(action.until * 1000).toISOString();
  if (!(await ports.callbacks.extend(callback.callbackId, action.until))) {
    const now = await ports.callbacks.get(callback.callbackId);
    if (now?.decision) throw new AlreadyDecidedError(now.decision.decidedBy, now.decision.decidedAt);
    throw new ConflictError(
      now?.status === 'pending'
        ? `Step ${callback.callbackId} is already extended to ${new Date((now.deadline ?? 0) * 1000).toISOString()} or later`
        : `Step ${callback.callbackId} has expired: it no longer waits for an answer`,
    );
  }
  // The case's place in the queue moves with the deadline: the same status, waiting since the same time.
  await ports.cases.recordStep(
    action.caseId,
    `${callbackKeyOf(callback)}:extend:${action.until}`,
    {
      status: caseRecord.status,
      dueAt: deadline,
      ...(caseRecord.waitingSince ? { waitingSince: caseRecord.waitingSince } : {}),
    },
    {
      type: 'deadline-extended',
      detail: `${callback.purpose} until ${deadline}${because(action.reason)}`,
      actor: action.actor,
    },
    caseRecord,
  );
  return { deadline };
}
