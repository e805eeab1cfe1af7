import type { CallbackKind } from '../../domain/callback.js';
import type { Principal } from '../../domain/console-access.js';
import type { CallbackDecision } from '../../domain/decision.js';
import { isStopped } from '../../domain/case.js';
import { GoneError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { APPROVAL_DECISION } from '../approvals.js';
import {
  alreadyDecided,
  decideCallback,
  deliverIfDecided,
  type CallbackPorts,
  type DecisionRule,
} from '../callbacks.js';
import { PRIOR_AUTHORIZATION_DECISION } from '../prior-authorization.js';
import { consoleActor } from './actions.js';

/**
 * What the console decides: what the emailed pages decide for the people behind them, a coordinator's
 * approvals and an insurer's prior-authorization answer (given to a coordinator by phone or fax). A records
 * request and a specialist's assignment are answered by their own people through their links.
 */
export const CONSOLE_DECISIONS: Partial<Record<CallbackKind, DecisionRule>> = {
  approval: APPROVAL_DECISION,
  'prior-authorization': PRIOR_AUTHORIZATION_DECISION,
};

/**
 * `POST /console/cases/{caseId}/decisions`: decides a pending step of the case through the same use-case as
 * its emailed link (decideCallback: the first decision wins by the same conditional write), in the name of
 * who is signed in (a person by email and subject, a program by client id). The link then answers 409
 * "already decided in the console by …". Refused, nothing changes: 404 for a step of another case, 409 once
 * decided, 410 once expired or the case has stopped, 400 for a step the console does not decide or a bad answer.
 */
export async function decideFromConsole(
  request: { caseId: string; callbackId: string; answer: unknown },
  by: Principal,
  ports: Pick<CallbackPorts, 'callbacks' | 'cases' | 'tasks'>,
): Promise<CallbackDecision> {
  const callback = await ports.callbacks.get(request.callbackId);
  if (!callback || callback.caseId !== request.caseId)
    throw new NotFoundError('This case has no such step waiting');
  const rule = CONSOLE_DECISIONS[callback.kind];
  if (!rule) {
    throw new ValidationError('The console does not decide this step', [
      { path: 'callbackId', message: `Answered by ${callback.recipient} through their own link` },
    ]);
  }
  if (callback.status === 'decided' && callback.decision) {
    // Delivered again first, as a retried link post would: a decider that stopped half-way loses nothing.
    await deliverIfDecided(callback, ports);
    throw alreadyDecided(callback.decision);
  }
  if (callback.status === 'expired' || callback.expiresAt <= Math.floor(Date.now() / 1000))
    throw new GoneError('This step is no longer waiting: its time ran out');
  const caseRecord = await ports.cases.get(callback.caseId);
  if (!caseRecord) throw new NotFoundError('This case has no such step waiting');
  if (isStopped(caseRecord.status)) throw new GoneError('This case no longer waits for this answer');
  const answer = rule.parse(callback, request.answer);
  const { actor, via } = consoleActor(by);
  return decideCallback({ callback, caseRecord }, { ...answer, via }, rule.effects, ports, actor);
}
