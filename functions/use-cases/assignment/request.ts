import type { Assignment } from '../../domain/assignment.js';
import { NotFoundError } from '../../shared/errors.js';
import { newCaseEmail } from '../../views/emails/specialist.js';
import type { CallbackPorts, CallbackPresenter, CallbackRef } from '../callbacks.js';

export async function assignmentOf(
  ports: Pick<CallbackPorts, 'assignments'>,
  caseId: string,
  attempt: number,
) {
  const assignment = await ports.assignments.get(caseId, attempt);
  if (!assignment) throw new NotFoundError(`Case ${caseId} has no assignment ${attempt}`);
  return assignment;
}

export async function specialistOf(ports: Pick<CallbackPorts, 'directory'>, assignment: Assignment) {
  const specialist = await ports.directory.getSpecialist(assignment.specialistId);
  if (!specialist) throw new NotFoundError(`Specialist ${assignment.specialistId} is not in the directory`);
  return specialist;
}

/** The specialist's request: a `New case` email with the signed link; names no patient and no diagnosis. */
export const assignmentPresenter: CallbackPresenter = {
  async recipient(_record, ports, ref: CallbackRef) {
    return (await specialistOf(ports, await assignmentOf(ports, ref.caseId, ref.round))).email;
  },
  reminders: (settings) => settings.opinionReminders,
  waitingStatus: 'awaiting-opinion',
  requestEmail: (to, ref, link, reminder) => newCaseEmail(to, ref.caseId, link, reminder),
};
