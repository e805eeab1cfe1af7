import { eventTypes, insured, storedCase } from '../support/stack/insurance.js';
import { postForm, submitIntake, waitForEmail, waitForStatus } from '../support/stack/inbox.js';
import { uploadRequiredRecords } from '../support/stack/records.js';
import { agreeingOpinion, assignmentRequest, matchProposal, playReview } from '../support/stack/review.js';
import { useTestStack } from '../support/stack/use-test-stack.js';

const TEST_MS = 60_000;

/** A short opinion SLA with no reminder, and a cap of two opinions. */
describe('opinion SLA and the opinion cap on the embedded stack', () => {
  const stack = useTestStack({
    settings: {
      CONCORD_OPINION_SLA_SECONDS: '3',
      CONCORD_OPINION_REMINDERS: '0',
      CONCORD_MAX_OPINIONS: '2',
      CONCORD_APPROVAL_TIMEOUT_SECONDS: '600',
    },
  });

  it(
    'no answer within the SLA: the assignment lapses, capacity is released and someone else is proposed',
    async () => {
      // Arrange
      const intake = insured('acme-health');
      const theCase = await submitIntake(stack, intake);
      await uploadRequiredRecords(stack.urls.api, theCase.caseId, theCase.accessToken);
      await postForm(await matchProposal(stack, theCase.caseId, 1), { decision: 'approve' });
      const first = await assignmentRequest(stack, theCase.caseId, 1);

      // Act: nobody answers
      await matchProposal(stack, theCase.caseId, 2);
      const late = await postForm(first.link, { decision: 'accept' }, true);

      // Assert
      const view = await waitForStatus(stack, theCase, 'awaiting-coordinator');
      expect(eventTypes(view)).toEqual(
        expect.arrayContaining(['assignment-expired', 'assignment-timed-out']),
      );
      expect(late.status).toBe(410);
    },
    TEST_MS,
  );

  it(
    'a major discordance at the cap: no third opinion is sought, a tumor board review is flagged, the case completes',
    async () => {
      // Arrange
      const intake = insured('acme-health');
      const theCase = await submitIntake(stack, intake);
      await uploadRequiredRecords(stack.urls.api, theCase.caseId, theCase.accessToken);

      // Act
      await playReview(
        stack,
        theCase.caseId,
        agreeingOpinion(intake, { treatmentPlan: [...intake.firstOpinion.treatmentPlan].reverse() }),
      );
      const view = await waitForStatus(stack, theCase, 'completed');

      // Assert
      expect(view.opinions).toBe(2);
      expect(view.concordance).toBe('major');
      expect(view.timeline.map((e) => e.detail ?? '')).toContain(
        '2 opinions: major discordance (treatment); tumor-board',
      );
      expect((await storedCase(stack, theCase.caseId))?.tumorBoard).toBe(true);
      await waitForEmail(
        stack,
        (email) => email.subject === `Tumor board review: case ${theCase.caseId}`,
        'the flag',
      );
      expect(view.timeline.filter((e) => e.detail === 'third-opinion')).toEqual([]);
    },
    TEST_MS,
  );
});
