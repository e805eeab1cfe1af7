import { resumedKey } from '../domain/case.js';
import type { CaseStore, Outbox } from '../domain/ports.js';
import type { TimelineEvent } from '../domain/case.js';
import { needsAttentionEmail, type UnansweredStep } from '../views/emails/coordinator.js';
import { releaseOpenAttempts, type AssignmentEndPorts } from './assignment/end.js';

/** The request whose expiry stopped the case: the timeline's last `<kind>-expired` event (`<purpose>: …`). */
function lastUnanswered(timeline: readonly TimelineEvent[]): UnansweredStep | undefined {
  const expired = timeline.findLast((event) => event.type.endsWith('-expired'));
  if (!expired) return undefined;
  return { kind: expired.type.slice(0, -'-expired'.length), purpose: (expired.detail ?? '').split(':')[0]! };
}

/**
 * MarkNeedsAttention: an unhandled failure keeps the case and alerts the coordinator (with a link to the case in
 * the console, where a resume starts it again), and the specialists it had proposed or assigned get their
 * capacity back. The case remembers what it was doing, for the resume. The alert names the case, the error type
 * and the request left unanswered (when one was). A resumed execution that stops again is a new stop: its step
 * and alert have keys of their own.
 */
export async function markNeedsAttention(
  caseId: string,
  errorName: string,
  ports: { cases: CaseStore; outbox: Outbox; coordinatorEmail: string; publicUrl: string } & Pick<
    AssignmentEndPorts,
    'capacity' | 'assignments'
  >,
): Promise<void> {
  const record = await ports.cases.get(caseId);
  const key = resumedKey(`needs-attention:${errorName}`, record?.resumes);
  const alert = ports.outbox.message(caseId, key);
  const unanswered =
    errorName === 'CallbackExpiredError' ? lastUnanswered(await ports.cases.timeline(caseId)) : undefined;
  // Capacity goes back before the status changes, so a case seen in needs-attention holds none.
  await releaseOpenAttempts(caseId, ports);
  const stoppedStatus = record && record.status !== 'needs-attention' ? record.status : undefined;
  await Promise.all([
    ports.cases.recordStep(
      caseId,
      key,
      { status: 'needs-attention', stoppedStatus },
      { type: 'needs-attention', detail: `Workflow stopped: ${errorName}`, actor: 'concord' },
      record,
    ),
    alert.send(
      needsAttentionEmail(
        ports.coordinatorEmail,
        caseId,
        errorName,
        `${ports.publicUrl}/console/cases/${caseId}`,
        unanswered,
      ),
    ),
  ]);
}
