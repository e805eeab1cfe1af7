import { decideCoverage, describeCoverage, type CoverageOutcome } from '../domain/coverage.js';
import type { CaseRecord } from '../domain/case.js';
import type { CaseStore, Directory, Mailer } from '../domain/ports.js';
import { CaseNotFoundError } from '../shared/errors.js';
import { escapeHtml } from '../shared/html.js';

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

/**
 * MarkNeedsAttention: an unhandled failure keeps the case and alerts the coordinator.
 * The alert names the case and the error type only.
 */
export async function markNeedsAttention(
  caseId: string,
  errorName: string,
  ports: { cases: CaseStore; mailer: Mailer; coordinatorEmail: string },
): Promise<void> {
  const { applied } = await ports.cases.recordStep(
    caseId,
    `needs-attention:${errorName}`,
    { status: 'needs-attention' },
    { type: 'needs-attention', detail: `Workflow stopped: ${errorName}`, actor: 'concord' },
  );
  if (!applied) return;
  const text = `Case ${caseId} stopped with ${errorName} and needs a coordinator's attention.`;
  await ports.mailer.send({
    to: [ports.coordinatorEmail],
    subject: `Needs attention: case ${caseId}`,
    text,
    html: `<p>${escapeHtml(text)}</p>`,
  });
}
