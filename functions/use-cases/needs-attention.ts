import type { CaseStore, Outbox } from '../domain/ports.js';
import { needsAttentionEmail } from '../views/emails/coordinator.js';
import { releaseOpenAttempts, type AssignmentEndPorts } from './assignment/end.js';

/**
 * MarkNeedsAttention: an unhandled failure keeps the case and alerts the coordinator, and the specialists
 * it had proposed or assigned get their capacity back. The alert names the case and the error type only.
 */
export async function markNeedsAttention(
  caseId: string,
  errorName: string,
  ports: { cases: CaseStore; outbox: Outbox; coordinatorEmail: string } & Pick<
    AssignmentEndPorts,
    'capacity' | 'assignments'
  >,
): Promise<void> {
  const key = `needs-attention:${errorName}`;
  const alert = ports.outbox.message(caseId, key);
  // Capacity goes back before the status changes, so a case seen in needs-attention holds none.
  await releaseOpenAttempts(caseId, ports);
  await Promise.all([
    ports.cases.recordStep(
      caseId,
      key,
      { status: 'needs-attention' },
      { type: 'needs-attention', detail: `Workflow stopped: ${errorName}`, actor: 'concord' },
    ),
    alert.send(needsAttentionEmail(ports.coordinatorEmail, caseId, errorName)),
  ]);
}
