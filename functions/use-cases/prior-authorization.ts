import { billingFromPriorAuthorization } from '../domain/billing.js';
import type { CallbackDecision } from '../domain/decision.js';
import type { CaseRecord, StepChanges } from '../domain/case.js';
import { priorAuthorizationRequestEmail } from '../views/emails/insurer.js';
import { PriorAuthorizationAnswerSchema } from '../schemas/decisions.js';
import { parseOrThrow } from '../shared/validation.js';
import type { CallbackPresenter, DecisionRule } from './callbacks.js';

export const SECOND_OPINION_SERVICE = 'Oncology second opinion: consultation and medical record review';

/**
 * Prior-authorization requests go to the payer's priorAuthEmail. The wait is the CMS-0057-F clock
 * (72 h expedited, 7 days routine); there are no reminders: when the clock runs out a coordinator
 * decides whether to chase or proceed.
 */
export const priorAuthorizationPresenter: CallbackPresenter = {
  async recipient(caseRead, { directory }) {
    const record = await caseRead;
    const insurance = record.intake.insurance;
    const payer = 'payerId' in insurance ? await directory.getPayer(insurance.payerId) : undefined;
    if (!payer) throw new Error(`Case ${record.caseId} has no payer to ask for prior authorization`);
    return payer.priorAuthEmail;
  },
  reminders: () => 0,
  waitingStatus: 'awaiting-prior-authorization',
  requestEmail: (to, ref, link) => priorAuthorizationRequestEmail(to, ref.caseId, ref.round, link),
};

/** What the insurer needs to identify the member and the service, and no more. */
export function priorAuthorizationSummary(record: CaseRecord): Array<[string, string]> {
  const { patient, insurance, diagnosis, urgency } = record.intake;
  const member = 'payerId' in insurance ? insurance : undefined;
  return [
    ['Case', record.caseId],
    ['Member', `${patient.firstName} ${patient.lastName}`],
    ['Date of birth', patient.dateOfBirth],
    ['Member ID', member?.memberId ?? '—'],
    ['Group number', member?.groupNumber ?? '—'],
    ['Diagnosis (ICD-10-CM)', diagnosis.icd10],
    ['Service', SECOND_OPINION_SERVICE],
    ['Urgency', urgency === 'expedited' ? 'expedited (72 hours)' : 'standard (7 calendar days)'],
  ];
}

export function priorAuthorizationEffects(decision: CallbackDecision): StepChanges {
  const billing = billingFromPriorAuthorization(decision);
  const priorAuthorization = {
    decision: decision.decision,
    reference: decision.reference,
    decidedAt: decision.decidedAt,
  };
  return billing ? { billing, priorAuthorization } : { priorAuthorization };
}

/** The insurer's answer, with its reference: the billing and the case's prior authorization follow. */
export const PRIOR_AUTHORIZATION_DECISION: DecisionRule = {
  parse: (_callback, body) => parseOrThrow(PriorAuthorizationAnswerSchema, body, 'decision'),
  effects: priorAuthorizationEffects,
};
