import type { CaseStore } from '../domain/ports.js';
import type { Config } from '../shared/config.js';
import { requireCase } from './require-case.js';

/**
 * The waiting times of this case's callback states (seconds); the prior-auth clock depends on urgency. And the
 * case's resume count, so a resumed execution's request steps know to ask an expired request again.
 */
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
  resume: number;
}> {
  const record = await requireCase(cases, caseId);
  return {
    approvalTimeoutSeconds: settings.approvalTimeoutSeconds,
    recordsReminderSeconds: settings.recordsReminderSeconds,
    opinionSlaSeconds: settings.opinionSlaSeconds,
    priorAuthTimeoutSeconds:
      record.intake.urgency === 'expedited'
        ? settings.priorAuthExpeditedSeconds
        : settings.priorAuthRoutineSeconds,
    resume: record.resumes ?? 0,
  };
}
