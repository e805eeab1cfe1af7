import { billingFromCoverage } from '../domain/billing.js';
import { decideCoverage, describeCoverage, type CoverageOutcome } from '../domain/coverage.js';
import type { CaseStore, Directory, Outbox } from '../domain/ports.js';
import { coverageConfirmedEmail } from '../views/emails/patient.js';
import { requireCase } from './require-case.js';

/** CheckCoverage: applies the payer's rules once; a replay finds the decision already stored. */
export async function checkCoverage(
  caseId: string,
  ports: { cases: CaseStore; directory: Directory; outbox: Outbox },
): Promise<{ outcome: CoverageOutcome }> {
  const record = await requireCase(ports.cases, caseId);
  const insurance = record.intake.insurance;
  const coverage =
    record.coverage ??
    decideCoverage(
      insurance,
      'payerId' in insurance ? await ports.directory.getPayer(insurance.payerId) : undefined,
    );
  // The email waits for the decision to be recorded; whether it went out already is looked up meanwhile.
  const confirmation =
    coverage.outcome === 'covered' ? ports.outbox.message(caseId, 'coverage-confirmed') : undefined;
  if (!record.coverage) {
    await ports.cases.recordStep(
      caseId,
      'coverage',
      { status: 'checking-coverage', coverage, billing: billingFromCoverage(coverage) },
      {
        type: 'coverage-decided',
        detail: `${coverage.outcome}: ${describeCoverage(coverage)}`,
        actor: 'concord',
      },
      record,
    );
  }
  await confirmation?.send(coverageConfirmedEmail(record.intake.patient.email, caseId, coverage.mandated));
  return { outcome: coverage.outcome };
}
