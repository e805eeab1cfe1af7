import { isDeepStrictEqual } from 'node:util';
import type { CaseRecord } from '../domain/case.js';
import { recordTypeLabel } from '../domain/records.js';
import type { OpinionSubmission } from '../schemas/opinion.js';
import { ConflictError, ValidationError } from '../shared/errors.js';
import { email } from '../views/emails.js';
import { assignmentOf } from './assignment.js';
import { decideCallback, type CallbackPorts, type OpenedCallback } from './callbacks.js';

/** The patient's questions the submission leaves unanswered (compared trimmed, case-insensitively). */
function unanswered(questions: readonly string[], submission: OpinionSubmission): string[] {
  const normalize = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();
  const answered = new Set(
    submission.answers.filter((a) => a.answer.trim()).map((a) => normalize(a.question)),
  );
  return questions.filter((q) => !answered.has(normalize(q)));
}

/**
 * An opinion (its schema checked at the edge): every patient question answered, kept on the assignment (once), then the
 * waiting workflow is answered. A retry after a fault finds its submission and finishes the decision.
 */
export async function submitOpinion(
  opened: OpenedCallback,
  submission: OpinionSubmission,
  ports: CallbackPorts,
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
      moreTestsEmail(caseRecord, kept),
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

/** The patient hears which tests the specialist needs; the list goes to whoever uploads. */
function moreTestsEmail(caseRecord: CaseRecord, submission: OpinionSubmission) {
  return email({
    to: [caseRecord.intake.patient.email],
    subject: `More tests are needed for your second-opinion request ${caseRecord.caseId}`,
    paragraphs: [
      `The specialist reviewing your case needs the results of more tests before giving an opinion${submission.testsNeeded ? `: ${submission.testsNeeded.map((t) => recordTypeLabel(t.type)).join(', ')}` : ''}.`,
      caseRecord.intake.referringPhysician
        ? 'Your referring physician has been sent the list and a secure upload link; your case continues once the results arrive.'
        : 'You will receive the list and a secure upload link in a separate email; your case continues once the results arrive.',
    ],
  });
}
