import { billingFromCoverage } from '../domain/billing.js';
import { buildClaim } from '../domain/claim.js';
import { decideCoverage, describeCoverage, type CoverageOutcome } from '../domain/coverage.js';
import type { CaseRecord } from '../domain/case.js';
import type { CaseStore, Directory, Outbox } from '../domain/ports.js';
import type { Config } from '../shared/config.js';
import { CaseNotFoundError } from '../shared/errors.js';
import { email } from '../views/emails.js';
import { releaseOpenAttempts, type MatchingPorts } from './matching.js';

async function loadCase(cases: CaseStore, caseId: string): Promise<CaseRecord> {
  const record = await cases.get(caseId);
  if (!record) throw new CaseNotFoundError(caseId);
  return record;
}

/** The waiting times of this case's callback states (seconds); the prior-auth clock depends on urgency. */
export async function loadSettings(
  caseId: string,
  cases: CaseStore,
  settings: Pick<
    Config,
    | 'approvalTimeoutSeconds'
    | 'priorAuthExpeditedSeconds'
    | 'priorAuthRoutineSeconds'
    | 'recordsReminderSeconds'
    | 'opinionSlaSeconds'
  >,
): Promise<{
  approvalTimeoutSeconds: number;
  priorAuthTimeoutSeconds: number;
  recordsReminderSeconds: number;
  opinionSlaSeconds: number;
}> {
  const record = await loadCase(cases, caseId);
  return {
    approvalTimeoutSeconds: settings.approvalTimeoutSeconds,
    recordsReminderSeconds: settings.recordsReminderSeconds,
    opinionSlaSeconds: settings.opinionSlaSeconds,
    priorAuthTimeoutSeconds:
      record.intake.urgency === 'expedited'
        ? settings.priorAuthExpeditedSeconds
        : settings.priorAuthRoutineSeconds,
  };
}

/** CheckCoverage: applies the payer's rules once; a replay finds the decision already stored. */
export async function checkCoverage(
  caseId: string,
  ports: { cases: CaseStore; directory: Directory; outbox: Outbox },
): Promise<{ outcome: CoverageOutcome }> {
  const record = await loadCase(ports.cases, caseId);
  const insurance = record.intake.insurance;
  const coverage =
    record.coverage ??
    decideCoverage(
      insurance,
      'payerId' in insurance ? await ports.directory.getPayer(insurance.payerId) : undefined,
    );
  const confirm = coverage.outcome === 'covered';
  // The email waits for the decision to be recorded; whether it went out already is looked up meanwhile.
  const [, sent] = await Promise.all([
    record.coverage
      ? undefined
      : ports.cases.recordStep(
          caseId,
          'coverage',
          { status: 'checking-coverage', coverage, billing: billingFromCoverage(coverage) },
          {
            type: 'coverage-decided',
            detail: `${coverage.outcome}: ${describeCoverage(coverage)}`,
            actor: 'concord',
          },
          record,
        ),
    confirm ? ports.outbox.wasSent?.(caseId, 'coverage-confirmed') : undefined,
  ]);
  if (confirm) {
    await ports.outbox.sendOnce(
      caseId,
      'coverage-confirmed',
      coverageConfirmedEmail(record, coverage.mandated),
      sent,
    );
  }
  return { outcome: coverage.outcome };
}

/** The patient hears their plan covers the second opinion (and, when it does, that the plan requires one). */
function coverageConfirmedEmail(record: CaseRecord, mandated: boolean) {
  return email({
    to: [record.intake.patient.email],
    subject: `Your second-opinion request ${record.caseId} is covered`,
    paragraphs: [
      mandated
        ? 'Your health plan requires a second opinion before treatment, and it covers this one.'
        : 'Your health plan covers this second opinion.',
      'We will let you know as your request moves on.',
    ],
  });
}

/** FinishCase: the last step of the workflow as built so far. */
export async function finishCase(caseId: string, cases: CaseStore): Promise<void> {
  const record = await loadCase(cases, caseId);
  await cases.recordStep(
    caseId,
    'finish',
    { status: 'completed' },
    { type: 'case-completed', actor: 'concord' },
    record,
  );
}

const ATTENTION_REASONS: Record<string, string> = {
  CallbackExpiredError: 'a request went unanswered after every reminder',
  CaseNotFoundError: 'the case record could not be found',
  NoSpecialistError:
    'no eligible specialist is left for the next opinion (every candidate was excluded, declined or is at capacity)',
};

/**
 * MarkNeedsAttention: an unhandled failure keeps the case and alerts the coordinator, and the specialists
 * it had proposed or assigned get their capacity back. The alert names the case and the error type only.
 */
export async function markNeedsAttention(
  caseId: string,
  errorName: string,
  ports: { cases: CaseStore; outbox: Outbox; coordinatorEmail: string } & Pick<
    MatchingPorts,
    'capacity' | 'assignments'
  >,
): Promise<void> {
  const key = `needs-attention:${errorName}`;
  // Capacity goes back before the status changes, so a case seen in needs-attention holds none.
  const [, sent] = await Promise.all([
    releaseOpenAttempts(caseId, ports),
    ports.outbox.wasSent?.(caseId, key),
  ]);
  const reason = ATTENTION_REASONS[errorName] ?? `a step failed (${errorName})`;
  await Promise.all([
    ports.cases.recordStep(
      caseId,
      key,
      { status: 'needs-attention' },
      { type: 'needs-attention', detail: `Workflow stopped: ${errorName}`, actor: 'concord' },
    ),
    ports.outbox.sendOnce(
      caseId,
      key,
      email({
        to: [ports.coordinatorEmail],
        subject: `Needs attention: case ${caseId}`,
        paragraphs: [
          `Case ${caseId} stopped because ${reason}.`,
          'The case is kept as it stands: its intake, records and opinions. Its workflow has ended and Concord will not continue it by itself: it needs a coordinator to arrange the next step with the patient and their care team.',
        ],
      }),
      sent,
    ),
  ]);
}

/** CloseCase: the case ends without an opinion; the patient is told, with no PHI in the email. */
export async function closeCase(
  caseId: string,
  reason: string,
  ports: { cases: CaseStore; outbox: Outbox },
): Promise<void> {
  const [record, sent] = await Promise.all([
    loadCase(ports.cases, caseId),
    ports.outbox.wasSent?.(caseId, 'case-closed'),
  ]);
  await ports.cases.recordStep(
    caseId,
    'close',
    { status: 'closed' },
    { type: 'case-closed', detail: reason, actor: 'concord' },
    record,
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
    sent,
  );
}

/**
 * SendClaimNotice: once the opinions are delivered, the insurer gets exactly one claim notice with
 * the FHIR Claim attached (the email body holds no PHI); a self-pay patient gets a receipt instead.
 */
export async function sendClaimNotice(
  caseId: string,
  ports: { cases: CaseStore; directory: Directory; outbox: Outbox; providerName: string },
): Promise<{ sent: 'claim-notice' | 'receipt' | 'none' }> {
  const record = await loadCase(ports.cases, caseId);
  const billing = record.billing;
  const insurance = record.intake.insurance;
  if (billing?.party === 'insurer' && 'payerId' in insurance) {
    const [payer, sent] = await Promise.all([
      ports.directory.getPayer(insurance.payerId),
      ports.outbox.wasSent?.(caseId, 'claim-notice'),
    ]);
    if (!payer) throw new Error(`Payer ${insurance.payerId} of case ${caseId} is not in the directory`);
    const claim = buildClaim(record, payer, { name: ports.providerName }, new Date().toISOString());
    await ports.cases.recordStep(
      caseId,
      'claim-notice',
      { status: 'notifying-insurer' },
      { type: 'claim-notice-sent', detail: `to ${payer.payerId} (${billing.basis})`, actor: 'concord' },
      record,
    );
    const notice = {
      ...email({
        to: [payer.claimsEmail],
        subject: `Claim notice: case ${caseId}`,
        paragraphs: [
          `A claim for an oncology second opinion (case ${caseId}) is attached as a FHIR R4 Claim.`,
          'The attachment holds the member and service details.',
        ],
      }),
      attachments: [
        {
          fileName: `claim-${caseId}.json`,
          contentType: 'application/fhir+json',
          content: JSON.stringify(claim, null, 2),
        },
      ],
    };
    await ports.outbox.sendOnce(caseId, 'claim-notice', notice, sent);
    return { sent: 'claim-notice' };
  }
  if (billing?.party === 'self-pay') {
    const [, sent] = await Promise.all([
      ports.cases.recordStep(
        caseId,
        'claim-notice',
        {},
        { type: 'receipt-sent', detail: 'self-pay', actor: 'concord' },
        record,
      ),
      ports.outbox.wasSent?.(caseId, 'self-pay-receipt'),
    ]);
    await ports.outbox.sendOnce(
      caseId,
      'self-pay-receipt',
      email({
        to: [record.intake.patient.email],
        subject: `Receipt for your second-opinion request ${caseId}`,
        paragraphs: [
          `This is your receipt for second-opinion request ${caseId}, paid by you (self-pay).`,
          'No claim was sent to an insurer.',
        ],
      }),
      sent,
    );
    return { sent: 'receipt' };
  }
  await ports.cases.recordStep(
    caseId,
    'claim-notice',
    {},
    {
      type: 'no-claim-notice',
      detail: billing ? `billed outside Concord (${billing.basis})` : 'billing not settled',
      actor: 'concord',
    },
    record,
  );
  return { sent: 'none' };
}
