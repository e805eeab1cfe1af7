import { agreeingOpinion, playReview } from '../support/stack/review.js';
import type { IntakeInput } from '../../functions/schemas/intake.js';
import { indexFhirR4, validateFhir } from '../support/fhir.js';
import { PHI } from '../support/case-records.js';
import {
  linkedClaim,
  emailsAbout,
  eventTypes,
  gateApprovals,
  insured,
  intakeFor,
  isApprovalRequest,
  isClaimNotice,
  isPriorAuthRequest,
  isReceipt,
  linkIn,
  phiOf,
  sample,
  storedCase,
  visibleParts,
} from '../support/stack/insurance.js';
import {
  COORDINATOR,
  expectRecorded,
  postForm,
  sesEmails,
  submitIntake,
  viewCase,
  waitForEmail,
  waitForEmails,
  waitForStatus,
  type CaseView,
  type Created,
  type SesEmail,
  type StackHandle,
} from '../support/stack/inbox.js';
import { uploadRequiredRecords } from '../support/stack/records.js';
import { STACK_MS, useTestStack } from '../support/stack/use-test-stack.js';
import { withTamperedSig } from '../support/signatures.js';

const TEST_MS = 45_000;

/** The demo seed's addresses (infra/local/demo-seed.json). */
const SEED = {
  acme: { payerId: 'acme-health', claimsEmail: 'claims@acme.example' },
  summit: {
    payerId: 'summit-care',
    claimsEmail: 'claims@summit.example',
    priorAuthEmail: 'priorauth@summit.example',
  },
  northstar: { payerId: 'northstar-health', claimsEmail: 'claims@northstar.example' },
  basic: { payerId: 'basic-benefit', claimsEmail: 'claims@basic-benefit.example' },
} as const;

beforeAll(() => indexFhirR4());

/** A submitted case and the intake it came from. */
interface Submitted extends Created {
  intake: IntakeInput;
  patientEmail: string;
}

async function submit(stack: StackHandle, intake: IntakeInput): Promise<Submitted> {
  const created = await submitIntake(stack, intake);
  return { ...created, intake, patientEmail: intake.patient.email };
}

function expectNoPhi(email: SesEmail, theCase: Submitted): void {
  for (const part of visibleParts(email)) {
    for (const value of phiOf(theCase.intake)) expect(part).not.toContain(value);
  }
}

/** The case's claim notices once it has settled: exactly one expected where the insurer pays. */
async function claimNotices(stack: StackHandle, caseId: string): Promise<SesEmail[]> {
  return (await emailsAbout(stack, caseId)).filter(isClaimNotice(caseId));
}

/** Asserts exactly one claim notice went to `claimsEmail`, with a FHIR R4 Claim attached; returns it. */
async function expectOneClaimNotice(stack: StackHandle, theCase: Submitted, claimsEmail: string) {
  const notices = await claimNotices(stack, theCase.caseId);
  expect(notices).toHaveLength(1);
  const [notice] = notices;
  expect(notice!.destination.to).toEqual([claimsEmail]);
  expect(notice!.subject).toMatch(/^Claim notice/);
  expectNoPhi(notice!, theCase);
  const claim = await linkedClaim(stack, notice!);
  expect(() => validateFhir(claim)).not.toThrow();
  expect(claim.resourceType).toBe('Claim');
  expect(claim.use).toBe('claim');
  expect(claim.identifier?.[0]?.value).toBe(theCase.caseId);
  expect(claim.diagnosis?.[0]?.diagnosisCodeableConcept?.coding?.[0]?.code).toBe(
    theCase.intake.diagnosis.icd10,
  );
  expect(claim.item?.map((item) => item.productOrService.coding?.[0]?.code)).toEqual(['99245', '99358']);
  return claim;
}

async function expectNoClaimNotice(stack: StackHandle, caseId: string): Promise<void> {
  expect(await claimNotices(stack, caseId)).toEqual([]);
  const anyClaim = (await sesEmails(stack)).filter((email) =>
    (email.attachments ?? []).some((a) => (a.filename ?? a.fileName) === `claim-${caseId}.json`),
  );
  expect(anyClaim).toEqual([]);
}

/** The first prior-authorization request for a case, sent to the payer's priorAuthEmail, and its link. */
async function priorAuthRequest(stack: StackHandle, theCase: Submitted, to: string) {
  const email = await waitForEmail(
    stack,
    isPriorAuthRequest(theCase.caseId, to),
    `the prior-authorization request for ${theCase.caseId}`,
  );
  return { email, link: linkIn(stack, email, 'prior-authorizations') };
}

/** The coordinator's approval request of a purpose for a case, and its link. */
async function approvalRequest(stack: StackHandle, theCase: Submitted, purpose: string) {
  const email = await waitForEmail(
    stack,
    isApprovalRequest(theCase.caseId, purpose),
    `the ${purpose} approval for ${theCase.caseId}`,
  );
  return { email, link: linkIn(stack, email, 'approvals') };
}

/**
 * Every required record arrives (as the referring physician uploads them), then the coordinator and
 * a specialist play one concordant review: only then may the case complete.
 */
async function recordsArrive(stack: StackHandle, theCase: Submitted): Promise<void> {
  await uploadRequiredRecords(stack.urls.api, theCase.caseId, theCase.accessToken);
  await playReview(stack, theCase.caseId, agreeingOpinion(theCase.intake));
}

/** What a refused answer must leave alone: the status and the whole timeline. */
const snapshot = (view: CaseView) => ({ status: view.status, timeline: view.timeline });

describe('insurance on the embedded stack', () => {
  const stack = useTestStack({
    settings: {
      CONCORD_APPROVAL_TIMEOUT_SECONDS: '30',
      // Long enough that no insurer wait runs out during these tests.
      CONCORD_PRIOR_AUTH_ROUTINE_SECONDS: '600',
      CONCORD_PRIOR_AUTH_EXPEDITED_SECONDS: '600',
    },
  });

  it(
    'covered (acme-health): the patient is told, one claim notice to the claims address, completed',
    async () => {
      // Arrange / Act
      const theCase = await submit(stack, insured(SEED.acme.payerId));
      await recordsArrive(stack, theCase);
      const view = await waitForStatus(stack, theCase, 'completed');

      // Assert
      expect(view.coverage).toEqual({ outcome: 'covered', reason: 'covered-by-plan' });
      expect(eventTypes(view)).toEqual(
        expect.arrayContaining(['coverage-decided', 'claim-notice-sent', 'case-completed']),
      );
      expect(eventTypes(view)).not.toContain('prior-authorization-requested');
      expect(gateApprovals(view)).toEqual([]);
      const emails = await emailsAbout(stack, theCase.caseId);
      const toPatient = emails.filter(
        (email) =>
          email.destination.to.includes(theCase.patientEmail) && /^Insurance coverage/.test(email.subject),
      );
      expect(toPatient).toHaveLength(1);
      expect(toPatient[0]!.body.text).toMatch(/Your health plan covers this second opinion/);
      expect(toPatient[0]!.body.text).not.toMatch(/requires a second opinion/);
      expectNoPhi(toPatient[0]!, theCase);
      const claim = await expectOneClaimNotice(stack, theCase, SEED.acme.claimsEmail);
      expect(claim.insurance?.[0]).not.toHaveProperty('preAuthRef');
      expect(
        emails
          .map((email) => email.subject)
          .filter(
            (subject) => /^Approval needed/.test(subject) && !subject.includes('(proposed specialist)'),
          ),
      ).toEqual([]);
    },
    TEST_MS,
  );

  it(
    'mandated (northstar-health): the patient hears the plan requires a second opinion; mandated and in-network-only are recorded',
    async () => {
      // Arrange / Act
      const theCase = await submit(stack, insured(SEED.northstar.payerId));
      await recordsArrive(stack, theCase);
      const view = await waitForStatus(stack, theCase, 'completed');

      // Assert
      expect(view.coverage).toEqual({ outcome: 'covered', reason: 'mandated-by-plan' });
      const decided = view.timeline.filter((event) => event.type === 'coverage-decided');
      expect(decided).toHaveLength(1);
      expect(decided[0]!.detail).toMatch(/requires a second opinion/);
      // GET /cases shows outcome and reason only: the flags are checked on the stored case.
      const stored = await storedCase(stack, theCase.caseId);
      expect(stored?.coverage).toMatchObject({
        outcome: 'covered',
        reason: 'mandated-by-plan',
        mandated: true,
        inNetworkOnly: true,
        payerId: SEED.northstar.payerId,
      });
      const patientEmail = await waitForEmail(
        stack,
        (email) =>
          email.subject.startsWith('Insurance coverage') &&
          email.subject.includes(theCase.caseId) &&
          email.destination.to.includes(theCase.patientEmail),
        'the covered email to the patient',
      );
      expect(patientEmail.body.text).toMatch(/requires a second opinion/);
      expect(patientEmail.body.html).toMatch(/requires a second opinion/);
      expectNoPhi(patientEmail, theCase);
      await expectOneClaimNotice(stack, theCase, SEED.northstar.claimsEmail);
    },
    TEST_MS,
  );

  it(
    'prior authorization approved (summit-care): the insurer is asked, the case waits, then one claim notice carries the reference',
    async () => {
      // Arrange
      const theCase = await submit(stack, insured(SEED.summit.payerId));
      const request = await priorAuthRequest(stack, theCase, SEED.summit.priorAuthEmail);
      const waiting = await waitForStatus(stack, theCase, 'awaiting-prior-authorization');

      // Act: the insurer opens the page (changes nothing), then approves
      const page = await fetch(request.link);
      const head = await fetch(request.link, { method: 'HEAD' });
      const afterOpening = await viewCase(stack, theCase);
      const answer = await postForm(request.link, { decision: 'approved', reference: 'PA-1' });
      await recordsArrive(stack, theCase);
      const view = await waitForStatus(stack, theCase, 'completed');

      // Assert
      expect(request.email.destination.to).toEqual([SEED.summit.priorAuthEmail]);
      expect(request.email.subject).toMatch(/^Prior authorization request/);
      expectNoPhi(request.email, theCase);
      expect(waiting.coverage).toEqual({
        outcome: 'prior-auth-required',
        reason: 'prior-authorization-required',
      });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).toContain(theCase.caseId);
      expect(head.status).toBe(200);
      expect(snapshot(afterOpening)).toEqual(snapshot(waiting));
      await expectRecorded(answer);
      const decided = view.timeline.filter((event) => event.type === 'prior-authorization-decided');
      expect(decided).toHaveLength(1);
      expect(decided[0]!.detail).toMatch(/approved.*PA-1/);
      expect(decided[0]!.actor).toBe(SEED.summit.priorAuthEmail);
      const claim = await expectOneClaimNotice(stack, theCase, SEED.summit.claimsEmail);
      expect(claim.insurance?.[0]?.preAuthRef).toEqual(['PA-1']);
      const requests = (await emailsAbout(stack, theCase.caseId)).filter(isPriorAuthRequest(theCase.caseId));
      expect(requests).toHaveLength(1);
    },
    TEST_MS,
  );

  describe('prior authorization denied', () => {
    it(
      'the coordinator approves as self-pay: a receipt to the patient, no claim notice, completed',
      async () => {
        // Arrange
        const theCase = await submit(stack, insured(SEED.summit.payerId));
        const request = await priorAuthRequest(stack, theCase, SEED.summit.priorAuthEmail);
        await waitForStatus(stack, theCase, 'awaiting-prior-authorization');

        // Act
        await expectRecorded(await postForm(request.link, { decision: 'denied', reference: 'PA-D1' }));
        const approval = await approvalRequest(stack, theCase, 'prior-authorization-denied');
        const waiting = await waitForStatus(stack, theCase, 'awaiting-coordinator');
        // A basis this purpose does not allow is refused and changes nothing.
        const wrongBasis = await postForm(approval.link, { decision: 'approve', basis: 'exception' });
        const afterWrongBasis = await viewCase(stack, theCase);
        await expectRecorded(await postForm(approval.link, { decision: 'approve', basis: 'self-pay' }));
        await recordsArrive(stack, theCase);
        const view = await waitForStatus(stack, theCase, 'completed');

        // Assert
        expect(approval.email.destination.to).toEqual([COORDINATOR]);
        expectNoPhi(approval.email, theCase);
        expect(wrongBasis.status).toBe(400);
        expect(await wrongBasis.text()).toContain('basis');
        expect(snapshot(afterWrongBasis)).toEqual(snapshot(waiting));
        const receipt = await waitForEmail(
          stack,
          isReceipt(theCase.caseId, theCase.patientEmail),
          'the self-pay receipt',
        );
        expectNoPhi(receipt, theCase);
        await expectNoClaimNotice(stack, theCase.caseId);
        expect(eventTypes(view)).toEqual(
          expect.arrayContaining([
            'prior-authorization-decided',
            'approval-decided',
            'receipt-sent',
            'case-completed',
          ]),
        );
        expect(eventTypes(view)).not.toContain('claim-notice-sent');
      },
      TEST_MS,
    );

    it(
      'the coordinator rejects: the case is closed, no claim notice, no receipt',
      async () => {
        // Arrange
        const theCase = await submit(stack, insured(SEED.summit.payerId));
        const request = await priorAuthRequest(stack, theCase, SEED.summit.priorAuthEmail);

        // Act
        await expectRecorded(await postForm(request.link, { decision: 'denied', reference: 'PA-D2' }));
        const approval = await approvalRequest(stack, theCase, 'prior-authorization-denied');
        await expectRecorded(await postForm(approval.link, { decision: 'reject' }));
        const view = await waitForStatus(stack, theCase, 'closed');
        // The patient is told after the status is set: wait for that email too.
        const closedToPatient = (email: SesEmail) =>
          email.destination.to.includes(theCase.patientEmail) && /closed/.test(email.subject);
        await waitForEmails(stack, closedToPatient, `the closing email of case ${theCase.caseId}`);

        // Assert
        const closed = view.timeline.filter((event) => event.type === 'case-closed');
        expect(closed).toEqual([expect.objectContaining({ detail: 'prior-authorization-denied' })]);
        await expectNoClaimNotice(stack, theCase.caseId);
        const emails = await emailsAbout(stack, theCase.caseId);
        expect(emails.filter(isReceipt(theCase.caseId))).toEqual([]);
        expect(emails.filter(closedToPatient)).toHaveLength(1);
        expect(eventTypes(view)).not.toContain('case-completed');
      },
      TEST_MS,
    );
  });

  describe('not covered', () => {
    it(
      'basic-benefit approved as an exception: the claim notice goes to basic-benefit, completed',
      async () => {
        // Arrange
        const theCase = await submit(stack, insured(SEED.basic.payerId));
        const approval = await approvalRequest(stack, theCase, 'coverage');
        const waiting = await waitForStatus(stack, theCase, 'awaiting-coordinator');

        // Act
        await expectRecorded(await postForm(approval.link, { decision: 'approve', basis: 'exception' }));
        await recordsArrive(stack, theCase);
        const view = await waitForStatus(stack, theCase, 'completed');

        // Assert
        expect(waiting.coverage).toEqual({ outcome: 'not-covered', reason: 'not-covered-by-plan' });
        expectNoPhi(approval.email, theCase);
        const claim = await expectOneClaimNotice(stack, theCase, SEED.basic.claimsEmail);
        expect(claim.insurance?.[0]).not.toHaveProperty('preAuthRef');
        expect(view.timeline.find((event) => event.type === 'claim-notice-sent')?.detail).toMatch(
          /exception/,
        );
        // The patient is not told the plan covers it (it does not), nor sent a receipt.
        expect(
          (await emailsAbout(stack, theCase.caseId)).filter(
            (email) =>
              email.destination.to.includes(theCase.patientEmail) && /covered|Receipt/.test(email.subject),
          ),
        ).toEqual([]);
      },
      TEST_MS,
    );

    it(
      'an unknown payer (nobody-health) approved as an exception: no claim notice, a no-claim-notice event, completed',
      async () => {
        // Arrange
        const theCase = await submit(stack, insured('nobody-health'));
        const approval = await approvalRequest(stack, theCase, 'coverage');

        // Act
        await expectRecorded(await postForm(approval.link, { decision: 'approve', basis: 'exception' }));
        await recordsArrive(stack, theCase);
        const view = await waitForStatus(stack, theCase, 'completed');

        // Assert
        expect(view.coverage).toEqual({ outcome: 'not-covered', reason: 'unknown-payer' });
        const none = view.timeline.filter((event) => event.type === 'no-claim-notice');
        expect(none).toHaveLength(1);
        expect(none[0]!.detail).toMatch(/exception/);
        await expectNoClaimNotice(stack, theCase.caseId);
        expect((await emailsAbout(stack, theCase.caseId)).filter(isReceipt(theCase.caseId))).toEqual([]);
      },
      TEST_MS,
    );

    it(
      'basic-benefit rejected: closed, no claim notice',
      async () => {
        // Arrange
        const theCase = await submit(stack, insured(SEED.basic.payerId));
        const approval = await approvalRequest(stack, theCase, 'coverage');

        // Act
        await expectRecorded(await postForm(approval.link, { decision: 'reject' }));
        const view = await waitForStatus(stack, theCase, 'closed');

        // Assert
        expect(view.timeline.filter((event) => event.type === 'case-closed')).toEqual([
          expect.objectContaining({ detail: 'coverage-rejected' }),
        ]);
        await expectNoClaimNotice(stack, theCase.caseId);
      },
      TEST_MS,
    );
  });

  it(
    'self-pay: a receipt to the patient, no claim notice, completed',
    async () => {
      // Arrange / Act
      const theCase = await submit(stack, intakeFor({ selfPay: true }));
      await recordsArrive(stack, theCase);
      const view = await waitForStatus(stack, theCase, 'completed');

      // Assert
      expect(view.coverage).toEqual({ outcome: 'self-pay', reason: 'self-pay' });
      const receipts = await waitForEmails(
        stack,
        isReceipt(theCase.caseId, theCase.patientEmail),
        'the self-pay receipt',
      );
      expect(receipts).toHaveLength(1);
      expect(receipts[0]!.attachments ?? []).toEqual([]);
      expectNoPhi(receipts[0]!, theCase);
      await expectNoClaimNotice(stack, theCase.caseId);
      expect(eventTypes(view)).toEqual(expect.arrayContaining(['receipt-sent', 'case-completed']));
      expect(gateApprovals(view)).toEqual([]);
      expect(eventTypes(view)).not.toContain('prior-authorization-requested');
    },
    TEST_MS,
  );

  describe('bad input from insurers changes nothing', () => {
    let theCase: Submitted;
    let link: string;

    beforeAll(async () => {
      theCase = await submit(stack, insured(SEED.summit.payerId));
      ({ link } = await priorAuthRequest(stack, theCase, SEED.summit.priorAuthEmail));
      await waitForStatus(stack, theCase, 'awaiting-prior-authorization');
    }, TEST_MS);

    it.each<[string, Record<string, string>, RegExp]>([
      ['an unknown decision (decision=maybe)', { decision: 'maybe', reference: 'PA-1' }, /decision/],
      ['a missing reference', { decision: 'approved' }, /reference/],
      ['a blank reference', { decision: 'approved', reference: '   ' }, /reference/],
      ['a reference with markup', { decision: 'approved', reference: '<b>PA-1</b>' }, /reference/],
      ['an unknown field', { decision: 'approved', reference: 'PA-1', amount: '100' }, /amount/],
      ['a coordinator-style answer', { decision: 'approve', basis: 'self-pay' }, /decision/],
    ])(
      '%s: a 400 page naming the field',
      async (_name, fields, field) => {
        // Arrange
        const before = await viewCase(stack, theCase);

        // Act
        const response = await postForm(link, fields);
        const page = await response.text();
        const after = await viewCase(stack, theCase);

        // Assert
        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toMatch(/text\/html/);
        expect(page).toMatch(field);
        expect(page).toMatch(/Nothing was changed/);
        expect(page).not.toContain('<b>PA-1</b>');
        expect(before.status).toBe('awaiting-prior-authorization');
        expect(snapshot(after)).toEqual(snapshot(before));
      },
      TEST_MS,
    );

    it(
      'a tampered signature: 403, nothing changes',
      async () => {
        // Arrange
        const before = await viewCase(stack, theCase);
        const tampered = withTamperedSig(link);

        // Act
        const response = await postForm(tampered, { decision: 'approved', reference: 'PA-1' });

        // Assert
        expect(response.status).toBe(403);
        expect(snapshot(await viewCase(stack, theCase))).toEqual(snapshot(before));
      },
      TEST_MS,
    );

    it(
      'a replayed link after deciding: a 409 page, and the first decision stands',
      async () => {
        // Arrange
        await expectRecorded(await postForm(link, { decision: 'approved', reference: 'PA-2' }));
        await recordsArrive(stack, theCase);
        const settled = await waitForStatus(stack, theCase, 'completed');

        // Act
        const replays = [
          await postForm(link, { decision: 'denied', reference: 'PA-3' }),
          await postForm(link, { decision: 'approved', reference: 'PA-2' }),
        ];
        const pages = await Promise.all(replays.map((response) => response.text()));
        const opened = await fetch(link);
        const after = await viewCase(stack, theCase);

        // Assert
        expect(replays.map((response) => response.status)).toEqual([409, 409]);
        for (const page of pages) expect(page).toMatch(/Already decided/);
        expect(opened.status).toBe(409);
        expect(snapshot(after)).toEqual(snapshot(settled));
        const claim = await expectOneClaimNotice(stack, theCase, SEED.summit.claimsEmail);
        expect(claim.insurance?.[0]?.preAuthRef).toEqual(['PA-2']);
        expect(settled.timeline.filter((event) => event.type === 'prior-authorization-decided')).toHaveLength(
          1,
        );
      },
      TEST_MS,
    );
  });
});

describe('the prior-authorization clock runs out (2-second routine clock)', () => {
  /** Submitted together, so their clocks run out together. */
  let cases: Record<'chase' | 'exception' | 'selfPay' | 'reject' | 'expedited', Submitted>;

  const stack = useTestStack(
    {
      settings: {
        CONCORD_APPROVAL_TIMEOUT_SECONDS: '30',
        CONCORD_PRIOR_AUTH_ROUTINE_SECONDS: '2',
        CONCORD_PRIOR_AUTH_EXPEDITED_SECONDS: '600',
      },
    },
    { freshModules: true },
  );

  beforeAll(async () => {
    const [chase, exception, selfPay, reject, expedited] = await Promise.all([
      submit(stack, insured(SEED.summit.payerId)),
      submit(stack, insured(SEED.summit.payerId)),
      submit(stack, insured(SEED.summit.payerId)),
      submit(stack, insured(SEED.summit.payerId)),
      submit(
        stack,
        intakeFor({ payerId: SEED.summit.payerId, memberId: PHI.memberId }, { urgency: 'expedited' }),
      ),
    ]);
    cases = {
      chase: chase!,
      exception: exception!,
      selfPay: selfPay!,
      reject: reject!,
      expedited: expedited!,
    };
  }, STACK_MS);

  it(
    'no insurer answer: the coordinator is asked; chase sends a new request with a new link; the old link is gone; approving on the new link completes',
    async () => {
      // Arrange
      const theCase = cases.chase;
      const first = await priorAuthRequest(stack, theCase, SEED.summit.priorAuthEmail);
      const overdue = await approvalRequest(stack, theCase, 'prior-authorization-overdue');
      const firstLinkOverdue = await fetch(first.link);

      // Act
      await expectRecorded(await postForm(overdue.link, { decision: 'approve', basis: 'chase' }));
      const requests = await waitForEmails(
        stack,
        isPriorAuthRequest(theCase.caseId, SEED.summit.priorAuthEmail),
        'the second prior-authorization request',
        2,
      );
      const secondLink = linkIn(stack, requests[1]!, 'prior-authorizations');
      const answer = await postForm(secondLink, { decision: 'approved', reference: 'PA-CHASED-2' });
      const firstLinkAfter = await postForm(first.link, { decision: 'approved', reference: 'PA-OLD' });
      await recordsArrive(stack, theCase);
      const view = await waitForStatus(stack, theCase, 'completed');

      // Assert
      expect(overdue.email.destination.to).toEqual([COORDINATOR]);
      expectNoPhi(overdue.email, theCase);
      expect(firstLinkOverdue.status).toBe(410);
      expect(requests).toHaveLength(2);
      expect(requests[1]!.subject).toMatch(/^Prior authorization request/);
      expect(requests[1]!.body.text).toMatch(/request 2/);
      expect(secondLink).not.toBe(first.link);
      await expectRecorded(answer);
      expect(firstLinkAfter.status).toBe(410);
      expect(await firstLinkAfter.text()).toMatch(/expired/i);
      expect(eventTypes(view)).toEqual(
        expect.arrayContaining([
          'prior-authorization-requested',
          'prior-authorization-expired',
          'approval-requested',
          'approval-decided',
          'prior-authorization-decided',
          'claim-notice-sent',
          'case-completed',
        ]),
      );
      expect(view.timeline.filter((event) => event.type === 'prior-authorization-requested')).toHaveLength(2);
      const claim = await expectOneClaimNotice(stack, theCase, SEED.summit.claimsEmail);
      expect(claim.insurance?.[0]?.preAuthRef).toEqual(['PA-CHASED-2']);
    },
    TEST_MS,
  );

  it(
    'overdue, approved as an exception: the insurer still gets one claim notice (no reference), completed',
    async () => {
      // Arrange
      const theCase = cases.exception;
      const overdue = await approvalRequest(stack, theCase, 'prior-authorization-overdue');

      // Act
      await expectRecorded(await postForm(overdue.link, { decision: 'approve', basis: 'exception' }));
      await recordsArrive(stack, theCase);
      await waitForStatus(stack, theCase, 'completed');

      // Assert
      const claim = await expectOneClaimNotice(stack, theCase, SEED.summit.claimsEmail);
      expect(claim.insurance?.[0]).not.toHaveProperty('preAuthRef');
      expect(
        (await emailsAbout(stack, theCase.caseId)).filter(isPriorAuthRequest(theCase.caseId)),
      ).toHaveLength(1);
    },
    TEST_MS,
  );

  it(
    'overdue, approved as self-pay: a receipt, no claim notice, completed',
    async () => {
      // Arrange
      const theCase = cases.selfPay;
      const overdue = await approvalRequest(stack, theCase, 'prior-authorization-overdue');

      // Act
      await expectRecorded(await postForm(overdue.link, { decision: 'approve', basis: 'self-pay' }));
      await recordsArrive(stack, theCase);
      await waitForStatus(stack, theCase, 'completed');

      // Assert
      await waitForEmail(stack, isReceipt(theCase.caseId, theCase.patientEmail), 'the receipt');
      await expectNoClaimNotice(stack, theCase.caseId);
    },
    TEST_MS,
  );

  it(
    'overdue, rejected: closed, no claim notice',
    async () => {
      // Arrange
      const theCase = cases.reject;
      const overdue = await approvalRequest(stack, theCase, 'prior-authorization-overdue');

      // Act
      await expectRecorded(await postForm(overdue.link, { decision: 'reject' }));
      const view = await waitForStatus(stack, theCase, 'closed');

      // Assert
      expect(view.timeline.filter((event) => event.type === 'case-closed')).toEqual([
        expect.objectContaining({ detail: 'prior-authorization-overdue' }),
      ]);
      await expectNoClaimNotice(stack, theCase.caseId);
    },
    TEST_MS,
  );

  it(
    'an expedited case runs on the expedited clock: still waiting for the insurer after the routine ones ran out',
    async () => {
      // Arrange: a routine case submitted with it has already run out of time
      await approvalRequest(stack, cases.reject, 'prior-authorization-overdue');

      const request = await priorAuthRequest(stack, cases.expedited, SEED.summit.priorAuthEmail);

      // Act
      const views = await sample(() => viewCase(stack, cases.expedited), 4);
      // The insurer answers (which also leaves no task waiting when the stack stops).
      const answer = await postForm(request.link, { decision: 'approved', reference: 'PA-X' });
      await recordsArrive(stack, cases.expedited);
      await waitForStatus(stack, cases.expedited, 'completed');

      // Assert
      expect(views.map((view) => view.status)).toEqual(Array(4).fill('awaiting-prior-authorization'));
      for (const view of views) {
        expect(eventTypes(view)).not.toContain('prior-authorization-expired');
        expect(gateApprovals(view)).toEqual([]);
      }
      await expectRecorded(answer);
      const claim = await expectOneClaimNotice(stack, cases.expedited, SEED.summit.claimsEmail);
      expect(claim.priority?.coding?.[0]?.code).toBe('stat');
      expect(claim.insurance?.[0]?.preAuthRef).toEqual(['PA-X']);
    },
    TEST_MS,
  );
});
