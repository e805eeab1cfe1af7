import type { CaseRecord } from '../domain/case.js';
import { CONFIRMATION_PURPOSE } from '../domain/confirmation.js';
import type { Secrets, UnconfirmedCases, Workflow } from '../domain/ports.js';
import { ConflictError, GoneError, NotFoundError } from '../shared/errors.js';
import { verifyLinkSignature } from './link-signatures.js';

export interface ConfirmationPorts {
  cases: UnconfirmedCases;
  workflow: Workflow;
  secrets: Secrets;
}

/** The case a confirmation link opens: 403 a signature that does not match, 410 expired, 404 unknown (or deleted). */
export async function openConfirmation(
  caseId: string,
  sig: string | undefined,
  ports: Pick<ConfirmationPorts, 'cases' | 'secrets'>,
): Promise<CaseRecord> {
  if ((await verifyLinkSignature(ports.secrets, caseId, CONFIRMATION_PURPOSE, sig)).expired)
    throw new GoneError('This request was not confirmed in time and has been deleted');
  const record = await ports.cases.get(caseId);
  if (!record) throw new NotFoundError('This link does not lead anywhere');
  return record;
}

/**
 * The submitter confirms: the case moves on to `received` and its workflow starts (the execution is named after
 * the case, so starting it again is harmless). Once only: again is 409, but a case confirmed whose start
 * failed (still `received`) is started by that retry, so a fault between the two loses nothing.
 */
export async function confirmCase(caseId: string, ports: ConfirmationPorts): Promise<CaseRecord> {
  const result = await ports.cases.confirm(caseId, Math.floor(Date.now() / 1000));
  if (result.outcome === 'missing') throw new NotFoundError('This link does not lead anywhere');
  if (result.outcome === 'expired') throw new GoneError('This request was not confirmed in time');
  if (result.outcome === 'already-confirmed') {
    if (result.record.status === 'received') await ports.workflow.start(caseId);
    throw new ConflictError('This request is already confirmed');
  }
  await ports.workflow.start(caseId);
  return result.record;
}
