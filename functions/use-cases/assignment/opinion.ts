import { isDeepStrictEqual } from 'node:util';
import { holdId } from '../../domain/assignment.js';
import { clinicalPositionOf } from '../../domain/clinical/position.js';
import type { CapacityLedger } from '../../domain/ports.js';
import type { Opinion } from '../../domain/opinion.js';
import { recordTypeLabel } from '../../domain/records.js';
import type { OpinionSubmission } from '../../schemas/opinion.js';
import { ConflictError, ValidationError } from '../../shared/errors.js';
import { moreTestsNeededEmail } from '../../views/emails/patient.js';
import { decideCallback, type CallbackPorts, type OpenedCallback } from '../callbacks.js';
import { assignmentOf, specialistOf } from './request.js';

/** The patient's questions the submission leaves unanswered (compared trimmed, case-insensitively). */
function unanswered(questions: readonly string[], submission: OpinionSubmission): string[] {
  const normalize = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();
  const answered = new Set(
    submission.answers.filter((a) => a.answer.trim()).map((a) => normalize(a.question)),
  );
  return questions.filter((q) => !answered.has(normalize(q)));
}

/** What taking an opinion touches: the link, the case, the attempt, the waiting task, the patient's email. */
export type OpinionPorts = Pick<
  CallbackPorts,
  'cases' | 'callbacks' | 'outbox' | 'tasks' | 'secrets' | 'assignments'
>;

/**
 * An opinion (its schema checked at the edge): every patient question answered, kept on the assignment (once), then the
 * waiting workflow is answered. A retry after a fault finds its submission and finishes the decision.
 */
export async function submitOpinion(
  opened: OpenedCallback,
  submission: OpinionSubmission,
  ports: OpinionPorts,
) {
  const { callback, caseRecord } = opened;
  const missing = unanswered(caseRecord.intake.questions, submission);
  if (missing.length) {
    throw new ValidationError('Every patient question must be answered', [
      ...missing.map((question) => ({
        path: 'answers',
        message: `No answer to the patient's question ${caseRecord.intake.questions.indexOf(question) + 1}: ${JSON.stringify(question)}`,
      })),
    ]);
  }
  const submittedAt = new Date().toISOString();
  const updated = await ports.assignments.update(
    callback.caseId,
    callback.round,
    { submission, submittedAt },
    ['proposed', 'accepted'],
  );
  // Stored already, with the link still open: an earlier submission whose decision did not follow (a
  // fault). That one stands: the email and the decision follow from it, never from a different body.
  const assignment = updated ?? (await assignmentOf(ports, callback.caseId, callback.round));
  const kept = assignment.submission;
  if (!kept) throw new ConflictError('This assignment has ended');
  const moreTests = kept.diagnosisAssessment === 'more-tests-needed';
  // Before the decision, which closes the link: a fault between the two cannot lose the email.
  if (moreTests)
    await ports.outbox.sendOnce(
      callback.caseId,
      `more-tests:${callback.round}`,
      moreTestsNeededEmail(
        caseRecord.intake.patient.email,
        caseRecord.caseId,
        kept.testsNeeded?.map((test) => recordTypeLabel(test.type)),
        Boolean(caseRecord.intake.referringPhysician),
      ),
    );
  const decision = await decideCallback(
    opened,
    { decision: moreTests ? 'more-tests' : 'opinion' },
    () => ({ status: moreTests ? 'gathering-records' : 'comparing-opinions' }),
    ports,
  );
  if (!updated && !sameSubmission(kept, submission)) {
    throw new ConflictError(
      `An opinion was already submitted for this assignment at ${assignment.submittedAt}; it stands and cannot be changed`,
    );
  }
  return decision;
}

/** Equal as stored: the table drops absent fields and keeps no key order. */
function sameSubmission(stored: OpinionSubmission, body: OpinionSubmission): boolean {
  const plain = (value: OpinionSubmission) => JSON.parse(JSON.stringify(value)) as unknown;
  return isDeepStrictEqual(plain(stored), plain(body));
}

/**
 * RecordOpinion: the submitted opinion becomes OPINION#n, the assignment completes and its capacity
 * is given back. Idempotent: each write happens once however often the step runs.
 */
export async function recordOpinion(
  caseId: string,
  attempt: number,
  ports: Pick<CallbackPorts, 'assignments' | 'cases' | 'directory'> & { capacity: CapacityLedger },
): Promise<{ opinions: number }> {
  const [assignment, caseRecord] = await Promise.all([
    assignmentOf(ports, caseId, attempt),
    ports.cases.get(caseId),
  ]);
  if (!assignment.submission || !assignment.submittedAt) {
    throw new ConflictError(`Assignment ${attempt} of case ${caseId} has no opinion`);
  }
  const specialist = await specialistOf(ports, assignment);
  const { submission } = assignment;
  const opinion: Opinion & { callbackId: string } = {
    number: assignment.opinionNumber,
    author: specialist.name,
    organization: assignment.organization,
    specialistId: assignment.specialistId,
    disciplines: assignment.disciplines,
    submittedAt: assignment.submittedAt,
    ...clinicalPositionOf(submission),
    submission,
    callbackId: `${caseId}#${attempt}`,
  };
  const stored = await ports.assignments.putOpinion(caseId, opinion);
  if (stored.callbackId !== opinion.callbackId) {
    throw new ConflictError(`Opinion ${opinion.number} of case ${caseId} came from another assignment`);
  }
  // Once the opinion is stored, the rest is independent and each part safe to repeat: together.
  await Promise.all([
    ports.assignments.update(caseId, attempt, { status: 'completed' }, ['proposed', 'accepted']),
    ports.capacity.release(assignment.specialistId, holdId(caseId, assignment.specialistId)),
    ports.cases.recordStep(
      caseId,
      `opinion:${opinion.number}`,
      { status: 'comparing-opinions', opinions: opinion.number },
      {
        type: 'opinion-received',
        detail: `opinion ${opinion.number} from ${assignment.specialistId}: ${submission.diagnosisAssessment}`,
        actor: specialist.email,
      },
      // Undefined for an unknown case: the store reads it and throws CaseNotFoundError.
      caseRecord,
    ),
  ]);
  return { opinions: opinion.number };
}
