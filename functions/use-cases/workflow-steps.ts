import { decideCoverage, describeCoverage, type CoverageOutcome } from '../domain/coverage.js';
import type { CaseRecord } from '../domain/case.js';
import type { CaseStore, Directory, Outbox } from '../domain/ports.js';
import { CaseNotFoundError } from '../shared/errors.js';
import { email } from '../views/emails.js';

async function loadCase(cases: CaseStore, caseId: string): Promise<CaseRecord> {
  const record = await cases.get(caseId);
  if (!record) throw new CaseNotFoundError(caseId);
  return record;
}

/** CheckCoverage: applies the payer's rules once; a replay returns the decision already stored. */
export async function checkCoverage(
  caseId: string,
  ports: { cases: CaseStore; directory: Directory },
): Promise<{ outcome: CoverageOutcome }> {
  const record = await loadCase(ports.cases, caseId);
  if (record.coverage) return { outcome: record.coverage.outcome };
  const insurance = record.intake.insurance;
  const payer = 'payerId' in insurance ? await ports.directory.getPayer(insurance.payerId) : undefined;
  const coverage = decideCoverage(insurance, payer);
  await ports.cases.recordStep(
    caseId,
    'coverage',
    { status: 'checking-coverage', coverage },
    {
      type: 'coverage-decided',
      detail: `${coverage.outcome}: ${describeCoverage(coverage)}`,
      actor: 'concord',
    },
  );
  return { outcome: coverage.outcome };
}

/** FinishCase: the last step of the workflow as built so far. */
export async function finishCase(caseId: string, cases: CaseStore): Promise<void> {
  await loadCase(cases, caseId);
  await cases.recordStep(
    caseId,
    'finish',
    { status: 'completed' },
    { type: 'case-completed', actor: 'concord' },
  );
}

const ATTENTION_REASONS: Record<string, string> = {
  CallbackExpiredError: 'a request went unanswered after every reminder',
  CaseNotFoundError: 'the case record could not be found',
};

/**
 * MarkNeedsAttention: an unhandled failure keeps the case and alerts the coordinator.
 * The alert names the case and the error type only.
 */
export async function markNeedsAttention(
  caseId: string,
  errorName: string,
  ports: { cases: CaseStore; outbox: Outbox; coordinatorEmail: string },
): Promise<void> {
  await ports.cases.recordStep(
    caseId,
    `needs-attention:${errorName}`,
    { status: 'needs-attention' },
    { type: 'needs-attention', detail: `Workflow stopped: ${errorName}`, actor: 'concord' },
  );
  const reason = ATTENTION_REASONS[errorName] ?? `a step failed (${errorName})`;
  await ports.outbox.sendOnce(
    caseId,
    `needs-attention:${errorName}`,
    email({
      to: [ports.coordinatorEmail],
      subject: `Needs attention: case ${caseId}`,
      paragraphs: [
        `Case ${caseId} stopped because ${reason}. The case is kept; it needs a coordinator's attention.`,
      ],
    }),
  );
}

/** CloseCase: the case ends without an opinion; the patient is told, with no PHI in the email. */
export async function closeCase(
  caseId: string,
  reason: string,
  ports: { cases: CaseStore; outbox: Outbox },
): Promise<void> {
  const record = await loadCase(ports.cases, caseId);
  await ports.cases.recordStep(
    caseId,
    'close',
    { status: 'closed' },
    { type: 'case-closed', detail: reason, actor: 'concord' },
  );
  await ports.outbox.sendOnce(
    caseId,
    'case-closed',
    email({
      to: [record.intake.patient.email],
      subject: `Your second-opinion request ${caseId} was closed`,
      paragraphs: [
        `Your second-opinion request ${caseId} has been closed by the care-coordination team.`,
        'You can see its status with the access token you received when you submitted it. Contact your care team with any questions.',
      ],
    }),
  );
}
