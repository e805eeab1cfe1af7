import { billingFromApproval } from '../domain/billing.js';
import { describeCoverage } from '../domain/coverage.js';
import type { CallbackDecision } from '../domain/decision.js';
import type { ApprovalPurpose, CallbackRecord } from '../domain/callback.js';
import type { CaseRecord, StepChanges } from '../domain/case.js';
import { approvalNeededEmail } from '../views/emails/coordinator.js';
import { parseApprovalAnswer } from '../schemas/decisions.js';
import type { CallbackPorts, CallbackPresenter, DecisionRule } from './callbacks.js';

/** Coordinator approvals: sent to the coordinator; the case waits as awaiting-coordinator. */
export const approvalPresenter: CallbackPresenter = {
  recipient: async (_record, { settings }) => settings.coordinatorEmail,
  reminders: (settings) => settings.approvalReminders,
  waitingStatus: 'awaiting-coordinator',
  requestEmail: (to, ref, link, reminder) => approvalNeededEmail(to, ref.caseId, ref.purpose, link, reminder),
};

/**
 * What the coordinator needs to decide on coverage, and no more: no names, contacts or birth dates. The payer by
 * its name in the directory (its id when the directory has none: an unknown payer is often why they are asked).
 */
async function coverageSummary(
  record: CaseRecord,
  directory: CallbackPorts['directory'],
): Promise<Array<[string, string]>> {
  const insurance = record.intake.insurance;
  const payer = 'payerId' in insurance ? await directory.getPayer(insurance.payerId) : undefined;
  const payerWords =
    'payerId' in insurance
      ? payer
        ? payer.name
        : `${insurance.payerId} (not in the directory)`
      : 'self-pay';
  return [
    ['Case', record.caseId],
    ['Cancer type', record.cancerType],
    ['Urgency', record.intake.urgency],
    ['Consultation', record.intake.consultation],
    ['Patient state', record.intake.patient.state],
    ['Payer', payerWords],
    ['Coverage finding', record.coverage ? describeCoverage(record.coverage) : 'not checked'],
  ];
}

/** What a specialist proposal shows: the proposal and the next candidates, by their directory entries. */
async function matchSummary(
  callback: CallbackRecord,
  ports: Pick<CallbackPorts, 'assignments' | 'directory'>,
): Promise<Array<[string, string]>> {
  const assignment = await ports.assignments.get(callback.caseId, callback.round);
  if (!assignment) return [];
  const rows: Array<[string, string]> = [['Opinion sought', String(assignment.opinionNumber)]];
  const ids = [assignment.specialistId, ...assignment.alternates];
  const entries = await Promise.all(ids.map((id) => ports.directory.getSpecialist(id)));
  for (const [index, id] of ids.entries()) {
    const s = entries[index];
    const label = index === 0 ? 'Proposed specialist' : `Next candidate ${index}`;
    rows.push([
      label,
      s
        ? `${s.name} (${id}), ${s.organization}; ${s.disciplines.join(', ')}; languages ${s.languages.join(', ')}; ${[s.virtual && 'virtual', s.inPerson && 'in person'].filter(Boolean).join(' and ')}; about ${s.turnaroundDays} days`
        : id,
    ]);
  }
  return rows;
}

/** What a third-opinion decision shows: how the opinions differ, in codes only. */
function discordanceSummary(record: CaseRecord): Array<[string, string]> {
  const grade = record.discordance;
  return [
    ['Opinions so far', String(record.opinions)],
    ['Discordance', grade?.level ?? 'not graded'],
    ...(grade?.reasons ?? []).map((r): [string, string] => [`${r.dimension} (${r.level})`, r.detail]),
  ];
}

/** The summary an approval page shows, by what is being approved. */
export async function approvalSummary(
  { callback, caseRecord }: { callback: CallbackRecord; caseRecord: CaseRecord },
  ports: Pick<CallbackPorts, 'assignments' | 'directory'>,
): Promise<Array<[string, string]>> {
  const coverage = coverageSummary(caseRecord, ports.directory);
  if (callback.purpose === 'specialist-match')
    return [...(await coverage).slice(0, 5), ...(await matchSummary(callback, ports))];
  if (callback.purpose === 'third-opinion')
    return [...(await coverage).slice(0, 2), ...discordanceSummary(caseRecord)];
  return coverage;
}

/** An approval may settle who pays; the decision itself is in the timeline. */
export function approvalEffects(decision: CallbackDecision, record: CaseRecord): StepChanges {
  const billing = billingFromApproval(decision, record.coverage);
  return billing ? { billing } : {};
}

/** A coordinator's approval: the bases its purpose allows, and who pays after it. */
export const APPROVAL_DECISION: DecisionRule = {
  parse: (callback, body) => parseApprovalAnswer(callback.purpose as ApprovalPurpose, body),
  effects: approvalEffects,
};
