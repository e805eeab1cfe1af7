import { billingFromCoverage } from '../domain/billing.js';
import { decideCoverage, describeCoverage, type CoverageOutcome } from '../domain/coverage.js';
import type { CaseStore, Directory, Outbox } from '../domain/ports.js';
import { coverageOutcomeEmail } from '../views/emails/people.js';
import { localeOf } from '../views/i18n/locale.js';
import { grantLink, type GrantPorts } from './grants.js';
import { requireCase } from './require-case.js';

/** CheckCoverage: applies the payer's rules once; a replay finds the decision already stored. */
export async function checkCoverage(
  caseId: string,
  ports: GrantPorts & { cases: CaseStore; directory: Directory; outbox: Outbox },
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
  const patient = record.intake.patient;
  const notice = record.undeliverable?.includes('patient')
    ? undefined
    : ports.outbox.message(caseId, 'coverage-outcome');
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
  // The patient hears the outcome in words, whatever it is (what "not covered" means included), with a
  // status link; a replay grants no link for a notice already sent.
  if (notice && !(await notice.wasSent())) {
    const link = await grantLink(caseId, 'case', patient.email, ports);
    const locale = localeOf(patient.preferredLanguage);
    await notice.send(
      coverageOutcomeEmail(patient.email, caseId, coverage.outcome, coverage.mandated, link, locale),
    );
  }
  return { outcome: coverage.outcome };
}
