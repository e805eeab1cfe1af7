import type { CaseRecord } from '../../domain/case.js';
import type { CaseStore } from '../../domain/ports.js';
import { ConflictError, NotFoundError } from '../../shared/errors.js';

/** A coordinator's action on a case from the console: who (as the timeline names them), and why. */
export interface CaseAction {
  caseId: string;
  actor: string;
  reason: string;
}

/** The case a console action names; an unknown case is a 404, not the workflow's CaseNotFoundError. */
export async function caseToActOn(cases: Pick<CaseStore, 'get'>, caseId: string): Promise<CaseRecord> {
  const record = await cases.get(caseId);
  if (!record) throw new NotFoundError(`No case ${caseId}`);
  return record;
}

/**
 * A stale action's 409, saying what happened: the step that made it stale, who did it and when (from the
 * timeline event of the step applied as `stepKey`), or else the case's status.
 */
export async function staleAction(
  cases: Pick<CaseStore, 'timeline'>,
  record: CaseRecord,
  stepKey: string,
  what: string,
): Promise<ConflictError> {
  const at = record.steps[stepKey];
  if (!at) return new ConflictError(`Case ${record.caseId} is ${record.status}: it cannot be ${what}`);
  const event = (await cases.timeline(record.caseId, record)).find(
    (e) => e.at === at && e.type !== 'case-created',
  );
  const by = event?.actor ? ` by ${event.actor}` : '';
  return new ConflictError(
    `Case ${record.caseId} was already ${what}${by} at ${at}; it is now ${record.status}`,
  );
}
