import type { IntakeInput } from '../../functions/schemas/intake.js';
import { emailsAbout, eventTypes, insured, isClaimNotice, storedCase } from '../support/stack/insurance.js';
import {
  postForm,
  sesEmails,
  submitIntake,
  viewCase,
  waitForEmail,
  waitForStatus,
  type Created,
} from '../support/stack/inbox.js';
import { uploadLinkIn } from '../support/stack/records-email.js';
import { uploadRecord, uploadRequiredRecords } from '../support/stack/records.js';
import {
  agreeingOpinion,
  assignmentRequest,
  matchProposal,
  playReview,
  postOpinion,
  storedAttempts,
  waitForProposal,
} from '../support/stack/review.js';
import type { TestStack } from '../support/stack/stack.js';
import { useTestStack } from '../support/stack/use-test-stack.js';
import { withTamperedSig } from '../support/signatures.js';

const TEST_MS = 60_000;

interface Case extends Created {
  intake: IntakeInput;
}

async function caseWithRecords(
  stack: TestStack,
  intake: IntakeInput = insured('acme-health'),
): Promise<Case> {
  const created = await submitIntake(stack, intake);
  await uploadRequiredRecords(stack.urls.api, created.caseId, created.accessToken);
  return { ...created, intake };
}

const reversedOrder = (intake: IntakeInput) =>
  agreeingOpinion(intake, {
    diagnosisAssessment: 'confirmed',
    treatmentPlan: [...intake.firstOpinion.treatmentPlan].reverse(),
  });

describe('matching, opinions and comparison on the embedded stack', () => {
  const stack = useTestStack({
    settings: { CONCORD_OPINION_SLA_SECONDS: '600', CONCORD_APPROVAL_TIMEOUT_SECONDS: '600' },
  });

  it(
    'a concordant second opinion: proposed, approved, accepted, opinion stored, one claim notice, completed after two opinions',
    async () => {
      // Arrange
      const theCase = await caseWithRecords(stack);
      const proposed = await waitForProposal(stack, theCase);

      // Act
      await playReview(stack, theCase.caseId, agreeingOpinion(theCase.intake));
      const view = await waitForStatus(stack, theCase, 'completed');

      // Assert
      expect(proposed.status).toBe('awaiting-coordinator');
      expect(view.opinions).toBe(2);
      expect(view).toMatchObject({ concordance: 'none' });
      expect(eventTypes(view)).toEqual(
        expect.arrayContaining([
          'specialist-proposed',
          'assignment-accepted',
          'opinion-received',
          'report-ready',
        ]),
      );
      const [assignment] = await storedAttempts(stack, theCase.caseId);
      expect(assignment).toMatchObject({ status: 'completed' });
      expect(assignment!.organization).not.toMatch(/valley oncology/i);
      expect((await sesEmails(stack)).filter(isClaimNotice(theCase.caseId))).toHaveLength(1);
      const toPatient = (await emailsAbout(stack, theCase.caseId))
        .filter((email) => email.destination.to.includes(theCase.intake.patient.email))
        .map((email) => email.subject);
      expect(toPatient).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Your records are in/),
          expect.stringMatching(/^A specialist is reviewing/),
          expect.stringMatching(/report for case .* is ready/),
        ]),
      );
    },
    TEST_MS,
  );

  it(
    'the specialist declines: the next match excludes them and proposes someone else',
    async () => {
      // Arrange
      const theCase = await caseWithRecords(stack);
      await postForm(await matchProposal(stack, theCase.caseId, 1), { decision: 'approve' });
      const first = await assignmentRequest(stack, theCase.caseId, 1);

      // Act
      const declined = await postForm(first.link, { decision: 'decline', comment: 'On leave' }, true);
      const secondProposal = await matchProposal(stack, theCase.caseId, 2);

      // Assert
      expect(declined.status).toBe(200);
      const [a1, a2] = await storedAttempts(stack, theCase.caseId);
      expect(a1).toMatchObject({ status: 'released', outcome: 'declined' });
      expect(a2!.specialistId).not.toBe(a1!.specialistId);
      expect(secondProposal).toMatch(/\/approvals\//);
      expect(eventTypes(await viewCase(stack, theCase))).toContain('assignment-declined');
    },
    TEST_MS,
  );

  it(
    'accept and decline racing, 20 of each on one link: one conditional write decides, the others get 409',
    async () => {
      // Arrange
      const theCase = await caseWithRecords(stack);
      await postForm(await matchProposal(stack, theCase.caseId, 1), { decision: 'approve' });
      const { link } = await assignmentRequest(stack, theCase.caseId, 1);
      const answers = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 'accept' : 'decline'));

      // Act
      const responses = await Promise.all(answers.map((decision) => postForm(link, { decision }, true)));

      // Assert
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(39);
      const won = answers[statuses.indexOf(200)];
      const reviewing = (await emailsAbout(stack, theCase.caseId)).filter((email) =>
        /^A specialist is reviewing/.test(email.subject),
      );
      if (won === 'accept') {
        expect(reviewing).toHaveLength(1);
        expect((await storedAttempts(stack, theCase.caseId))[0]).toMatchObject({ status: 'accepted' });
      } else {
        await matchProposal(stack, theCase.caseId, 2);
        expect(reviewing).toEqual([]);
        expect((await storedAttempts(stack, theCase.caseId))[0]).toMatchObject({ outcome: 'declined' });
      }
    },
    TEST_MS,
  );

  it(
    'the coordinator rejects the proposal: the next candidate is proposed',
    async () => {
      const theCase = await caseWithRecords(stack);
      const rejected = await postForm(await matchProposal(stack, theCase.caseId, 1), { decision: 'reject' });
      await matchProposal(stack, theCase.caseId, 2);
      const [a1, a2] = await storedAttempts(stack, theCase.caseId);
      expect(rejected.status).toBe(200);
      expect(a1).toMatchObject({ status: 'released', outcome: 'rejected' });
      expect(a2!.specialistId).not.toBe(a1!.specialistId);
    },
    TEST_MS,
  );

  it(
    'an opinion leaving a patient question unanswered is refused with 400 and changes nothing',
    async () => {
      // Arrange
      const theCase = await caseWithRecords(stack);
      await postForm(await matchProposal(stack, theCase.caseId), { decision: 'approve' });
      const { link } = await assignmentRequest(stack, theCase.caseId);
      const before = await viewCase(stack, theCase);

      // Act
      const response = await postOpinion(link, agreeingOpinion(theCase.intake, { answers: [] }));
      const bad = await postOpinion(link, { ...agreeingOpinion(theCase.intake), icd10: 'Z99' });

      // Assert
      expect(response.status).toBe(400);
      const problem = (await response.json()) as { errors: Array<{ path: string }> };
      expect(problem.errors.map((e) => e.path)).toEqual(['answers']);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { errors: Array<{ path: string }> }).errors[0]!.path).toBe('icd10');
      const after = await viewCase(stack, theCase);
      expect(after.timeline).toEqual(before.timeline);
      expect(after.status).toBe('awaiting-opinion');
    },
    TEST_MS,
  );

  it(
    'a second opinion reversing the treatment order: third-opinion approval, a third specialist from another organization, completed with three opinions and one claim notice',
    async () => {
      // Arrange
      const theCase = await caseWithRecords(stack);
      await playReview(stack, theCase.caseId, reversedOrder(theCase.intake), 1);
      const thirdApproval = await waitForEmail(
        stack,
        (email) => email.subject.includes(theCase.caseId) && email.subject.includes('(third opinion)'),
        'the third-opinion approval',
      );

      // Act
      const approvalLink = thirdApproval.body.text!.match(/https?:\/\/\S+\/approvals\/\S+/)![0];
      await postForm(approvalLink, { decision: 'approve' });
      await playReview(stack, theCase.caseId, agreeingOpinion(theCase.intake), 2);
      const view = await waitForStatus(stack, theCase, 'completed');

      // Assert
      expect(view.opinions).toBe(3);
      const [second, third] = (await storedAttempts(stack, theCase.caseId)).filter(
        (a) => a.status === 'completed',
      );
      expect(third!.specialistId).not.toBe(second!.specialistId);
      expect(third!.organization).not.toBe(second!.organization);
      expect(third!.organization).not.toMatch(/valley oncology/i);
      expect((await sesEmails(stack)).filter(isClaimNotice(theCase.caseId))).toHaveLength(1);
      const stored = await storedCase(stack, theCase.caseId);
      expect(stored?.discordance?.reasons.map((r) => r.code)).toContain('neoadjuvant-adjuvant');
      expect(stored?.tumorBoard).toBe(false);
    },
    TEST_MS * 2,
  );

  it(
    'no specialist treats this cancer: needs attention, the coordinator is told, nothing is lost',
    async () => {
      const intake = insured('acme-health');
      intake.diagnosis.icd10 = 'C17.9';
      intake.firstOpinion.icd10 = 'C17.9';
      const theCase = await caseWithRecords(stack, intake);
      const view = await waitForStatus(stack, theCase, 'needs-attention');
      expect(eventTypes(view)).toEqual(expect.arrayContaining(['no-specialist', 'needs-attention']));
      await waitForEmail(
        stack,
        (email) => email.subject === `Needs attention: case ${theCase.caseId}`,
        'the coordinator alert',
      );
      expect((await viewCase(stack, theCase)).cancerType).toBe('gastrointestinal-other');
    },
    TEST_MS,
  );
  it(
    'more tests needed: the physician is asked for them, their arrival brings the same specialist back, then the case completes',
    async () => {
      // Arrange
      const theCase = await caseWithRecords(stack);
      const link = await playReview(
        stack,
        theCase.caseId,
        agreeingOpinion(theCase.intake, {
          diagnosisAssessment: 'more-tests-needed',
          testsNeeded: [{ type: 'genetic-testing', description: 'Oncotype DX recurrence score' }],
        }),
      );
      const request = await waitForEmail(
        stack,
        (email) => email.subject === `More tests needed: case ${theCase.caseId}`,
        'the more-tests request',
      );
      const asked = await (await fetch(uploadLinkIn(stack, request))).text();

      // Act
      await uploadRecord(stack.urls.api, theCase.caseId, theCase.accessToken, 'genetic-testing');
      const again = await assignmentRequest(stack, theCase.caseId, 2);
      const answer = await postOpinion(again.link, agreeingOpinion(theCase.intake));
      const view = await waitForStatus(stack, theCase, 'completed');

      // Assert
      expect(request.destination.to).toEqual([theCase.intake.referringPhysician!.email]);
      expect(request.body.text).toContain(
        'The specialist asks for: genetic testing (Oncotype DX recurrence score).',
      );
      expect(asked).toContain('asks for the results of these tests');
      expect(asked).toContain('Genetic test results: Oncotype DX recurrence score: Not yet');
      expect(asked).not.toContain('Every required record has arrived');
      const toPatient = await waitForEmail(
        stack,
        (email) =>
          email.subject === `More tests are needed for your second-opinion request ${theCase.caseId}`,
        'the patient told of the tests',
      );
      expect(toPatient.body.text).toContain('genetic testing');
      expect(toPatient.body.text).not.toContain('Oncotype');
      expect(again.link).not.toBe(link);
      expect(again.email.destination.to).toEqual(
        (await assignmentRequest(stack, theCase.caseId, 1)).email.destination.to,
      );
      expect(answer.status).toBe(200);
      expect(view.opinions).toBe(2);
      const [first, second] = await storedAttempts(stack, theCase.caseId);
      expect(first).toMatchObject({ status: 'released', outcome: 'more-tests' });
      expect(second).toMatchObject({ status: 'completed', specialistId: first!.specialistId });
    },
    TEST_MS,
  );

  it(
    'the report opens behind its signed link as a page and a PDF; a tampered link is refused',
    async () => {
      // Arrange
      const theCase = await caseWithRecords(stack);
      await playReview(stack, theCase.caseId, reversedOrder(theCase.intake));
      const third = await waitForEmail(
        stack,
        (email) => email.subject.includes(theCase.caseId) && email.subject.includes('(third opinion)'),
        'the third-opinion approval',
      );
      await postForm(third.body.text!.match(/https?:\/\/\S+\/approvals\/\S+/)![0], { decision: 'reject' });
      const ready = await waitForEmail(
        stack,
        (email) =>
          email.subject.includes(`report for case ${theCase.caseId}`) &&
          email.destination.to.includes(theCase.intake.patient.email),
        'the report email',
      );
      const link = ready.body.text!.match(/https?:\/\/\S+\/reports\/\S+/)![0];

      // Act
      const page = await fetch(link);
      const html = await page.text();
      const pdf = await fetch(link.replace('?sig=', '/pdf?sig='));
      const tampered = await fetch(withTamperedSig(link));

      // Assert
      expect(page.status).toBe(200);
      expect(html).toContain(theCase.intake.questions![0]!);
      expect(html).not.toContain('<script');
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      expect(tampered.status).toBe(403);
      expect(ready.body.text).not.toContain(theCase.intake.diagnosis.icd10);
      expect(ready.body.text).not.toContain(theCase.intake.patient.lastName);
      expect((await waitForStatus(stack, theCase, 'completed')).concordance).toBe('major');
    },
    TEST_MS,
  );
});
