import { billingFromApproval } from '../domain/billing.js';
import { describeCoverage } from '../domain/coverage.js';
import type { CallbackDecision } from '../domain/callback.js';
import type { CaseRecord, StepChanges } from '../domain/case.js';
import { email } from '../views/emails.js';
import type { CallbackPresenter } from './callbacks.js';

const PURPOSE_TITLES: Record<string, string> = {
  coverage: 'coverage was not confirmed',
  'prior-authorization-denied': 'the insurer denied prior authorization',
  'records-incomplete':
    'the records request went unanswered after every reminder (proceed with what there is, or close)',
  'prior-authorization-overdue': 'the insurer did not answer the prior-authorization request in time',
};

/** Coordinator approvals: sent to the coordinator; the case waits as awaiting-coordinator. */
export const approvalPresenter: CallbackPresenter = {
  recipient: async (_record, { settings }) => settings.coordinatorEmail,
  reminders: (settings) => settings.approvalReminders,
  waitingStatus: 'awaiting-coordinator',
  requestEmail: (to, ref, link, reminder) =>
    email({
      to: [to],
      subject: `Approval needed: case ${ref.caseId} (${ref.purpose})${reminder ? ` — reminder ${reminder}` : ''}`,
      paragraphs: [
        `Case ${ref.caseId} is waiting for your decision: ${PURPOSE_TITLES[ref.purpose] ?? ref.purpose}.`,
        'Open the link to see the case summary and decide. Opening it changes nothing; only the buttons on the page decide.',
      ],
      link: { url: link, label: 'Review and decide' },
    }),
};

/** What the coordinator needs to decide on coverage, and no more: no names, contacts or birth dates. */
export function coverageSummary(record: CaseRecord): Array<[string, string]> {
  const insurance = record.intake.insurance;
  return [
    ['Case', record.caseId],
    ['Cancer type', record.cancerType],
    ['Urgency', record.intake.urgency],
    ['Consultation', record.intake.consultation],
    ['Patient state', record.intake.patient.state],
    ['Payer', 'payerId' in insurance ? insurance.payerId : 'self-pay'],
    ['Coverage finding', record.coverage ? describeCoverage(record.coverage) : 'not checked'],
  ];
}

/** An approval may settle who pays; the decision itself is in the timeline. */
export function approvalEffects(decision: CallbackDecision, record: CaseRecord): StepChanges {
  const billing = billingFromApproval(decision, record.coverage);
  return billing ? { billing } : {};
}
