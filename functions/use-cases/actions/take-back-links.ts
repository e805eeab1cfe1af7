import type { CaseStore, Grants } from '../../domain/ports.js';
import { revokeCaseLinks } from '../grants.js';
import { caseToActOn, type CaseAction } from './action.js';

/**
 * Take back a case's links (issue 20 §4): every status, report and claim link granted so far answers 410 from
 * the next request on (links granted later work). A timeline event names who did it and why; doing it again
 * takes back what was granted in between, so each time is its own step.
 */
export async function takeBackLinks(
  { caseId, actor, reason }: CaseAction,
  ports: { cases: CaseStore; grants: Grants },
): Promise<{ linksRevokedAt: string }> {
  const record = await caseToActOn(ports.cases, caseId);
  await revokeCaseLinks(caseId, ports);
  const { at } = await ports.cases.recordStep(
    caseId,
    `links-revoked:${new Date().toISOString()}`,
    {},
    { type: 'links-revoked', detail: reason, actor },
    record,
  );
  return { linksRevokedAt: at };
}
