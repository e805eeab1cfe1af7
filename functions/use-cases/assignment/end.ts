import {
  holdId,
  OPEN_ASSIGNMENT_STATUSES,
  type Assignment,
  type AssignmentOutcome,
} from '../../domain/assignment.js';
import type { AssignmentStore, CapacityLedger, CaseStore, Directory } from '../../domain/ports.js';
import { SpecialistUnavailableError } from '../../shared/errors.js';

/** What ending or continuing an attempt touches: the case, the attempt, the specialist's capacity. */
export interface AssignmentEndPorts {
  cases: CaseStore;
  capacity: CapacityLedger;
  assignments: AssignmentStore;
}

/** EndAssignment: a rejected, declined or lapsed attempt gives its capacity back; the next match excludes them. */
export async function endAssignment(
  caseId: string,
  attempt: number,
  outcome: AssignmentOutcome,
  ports: AssignmentEndPorts,
): Promise<void> {
  const [assignment, record] = await Promise.all([
    ports.assignments.get(caseId, attempt),
    ports.cases.get(caseId),
  ]);
  if (!assignment) throw new Error(`Case ${caseId} has no match attempt ${attempt}`);
  // Each safe to repeat and none waiting on another; the next match reads them only after this step.
  await Promise.all([
    ports.assignments.update(caseId, attempt, { status: 'released', outcome }, OPEN_ASSIGNMENT_STATUSES),
    ports.capacity.release(assignment.specialistId, holdId(caseId, assignment.specialistId)),
    ports.cases.recordStep(
      caseId,
      `assignment-ended:${attempt}`,
      {},
      { type: `assignment-${outcome}`, detail: assignment.specialistId, actor: 'concord' },
      record,
    ),
  ]);
}

/**
 * A stopped case (needs-attention) holds no specialist's capacity: each attempt still open gives its hold back,
 * then is marked released, so a retry after a fault between the two still finds it open and releases it.
 */
export async function releaseOpenAttempts(
  caseId: string,
  ports: Pick<AssignmentEndPorts, 'capacity' | 'assignments'>,
): Promise<void> {
  const open = (await ports.assignments.list(caseId)).filter((attempt) =>
    (OPEN_ASSIGNMENT_STATUSES as readonly string[]).includes(attempt.status),
  );
  await Promise.all(
    open.map(async ({ attempt, specialistId }) => {
      await ports.capacity.release(specialistId, holdId(caseId, specialistId));
      await ports.assignments.update(caseId, attempt, { status: 'released' }, OPEN_ASSIGNMENT_STATUSES);
    }),
  );
}

/**
 * A resumed case's attempt that its stop released (released with no outcome) takes its specialist's hold again,
 * within their capacity, and is open as it was; the specialist full or gone: SpecialistUnavailableError, and the
 * case stops again for a coordinator. Any other attempt is left as it is.
 */
export async function reopenStopped(
  assignment: Assignment,
  ports: Pick<AssignmentEndPorts, 'capacity' | 'assignments'> & { directory: Directory },
): Promise<void> {
  if (assignment.status !== 'released' || assignment.outcome) return;
  const { caseId, attempt, specialistId } = assignment;
  const specialist = await ports.directory.getSpecialist(specialistId);
  if (
    !specialist ||
    !(await ports.capacity.reserve(specialistId, holdId(caseId, specialistId), specialist.capacity))
  )
    throw new SpecialistUnavailableError(caseId, specialistId);
  await ports.assignments.update(
    caseId,
    attempt,
    { status: assignment.acceptedAt ? 'accepted' : 'proposed' },
    ['released'],
  );
}

/**
 * ContinueAssignment: the tests a specialist asked for have arrived; the same specialist goes on in
 * a new attempt (a new link and SLA), keeping their capacity hold.
 */
export async function continueAssignment(
  caseId: string,
  attempt: number,
  ports: AssignmentEndPorts & { directory: Directory },
): Promise<void> {
  const [previous, record] = await Promise.all([
    ports.assignments.get(caseId, attempt - 1),
    ports.cases.get(caseId),
  ]);
  if (!previous) throw new Error(`Case ${caseId} has no match attempt ${attempt - 1}`);
  const { submission: _submission, submittedAt: _submittedAt, outcome: _outcome, ...kept } = previous;
  const continued = await ports.assignments.put({
    ...kept,
    attempt,
    alternates: [],
    status: 'accepted',
    proposedAt: new Date().toISOString(),
  });
  // A resumed case: the continued attempt its stop released takes the specialist's hold again.
  await reopenStopped(continued, ports);
  await ports.assignments.update(
    caseId,
    attempt - 1,
    { status: 'released', outcome: 'more-tests' },
    OPEN_ASSIGNMENT_STATUSES,
  );
  await ports.cases.recordStep(
    caseId,
    `assignment-continued:${attempt}`,
    { status: 'awaiting-opinion' },
    { type: 'assignment-continued', detail: `${previous.specialistId} after more tests`, actor: 'concord' },
    record,
  );
}
