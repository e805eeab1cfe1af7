import { consensus, disputeResolved, gradeAll } from '../domain/discordance.js';
import type { AssignmentStore, CaseStore, Outbox } from '../domain/ports.js';
import { tumorBoardEmail } from '../views/emails/coordinator.js';
import { withFirstOpinion } from './opinions.js';
import { requireCase } from './require-case.js';

export type ComparisonOutcome = 'settled' | 'escalate' | 'tumor-board';

/**
 * CompareOpinions: grades the opinions. A major discordance with fewer opinions than the cap asks
 * for another opinion; still unresolved at the cap, the case is flagged for a tumor board review.
 */
export async function compareOpinions(
  caseId: string,
  ports: {
    cases: CaseStore;
    assignments: AssignmentStore;
    outbox: Outbox;
    coordinatorEmail: string;
    maxOpinions: number;
  },
): Promise<{ outcome: ComparisonOutcome; opinions: number }> {
  const [record, reviewed] = await Promise.all([
    requireCase(ports.cases, caseId),
    ports.assignments.opinions(caseId),
  ]);
  const opinions = withFirstOpinion(record, reviewed);
  const grade = gradeAll(opinions);
  const agreement = opinions.length >= 3 ? consensus(opinions) : undefined;
  const outcome: ComparisonOutcome = disputeResolved(grade, agreement)
    ? 'settled'
    : opinions.length < ports.maxOpinions
      ? 'escalate'
      : 'tumor-board';
  const alert = outcome === 'tumor-board' ? ports.outbox.message(caseId, 'tumor-board') : undefined;
  await ports.cases.recordStep(
    caseId,
    `compare:${opinions.length}`,
    {
      status: 'comparing-opinions',
      discordance: grade,
      ...(agreement ? { consensus: agreement } : {}),
      tumorBoard: outcome === 'tumor-board',
    },
    {
      type: 'opinions-compared',
      detail: `${opinions.length} opinions: ${grade.level} discordance${grade.disputed.length ? ` (${grade.disputed.join(', ')})` : ''}; ${outcome}`,
      actor: 'concord',
    },
    record,
  );
  await alert?.send(
    tumorBoardEmail(ports.coordinatorEmail, caseId, opinions.length, grade.disputed, ports.maxOpinions),
  );
  return { outcome, opinions: opinions.length };
}
