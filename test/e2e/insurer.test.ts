import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IntakeInput } from '../../functions/schemas/intake.js';
import type { Payer } from '../../functions/schemas/directory.js';
import { indexFhirR4, validateFhir } from '../support/fhir.js';
import {
  linkedClaim,
  emailsAbout,
  eventTypes,
  insured,
  intakeFor,
  isClaimNotice,
  isPriorAuthRequest,
  isReceipt,
  linkIn,
  sample,
} from '../support/stack/insurance.js';
import {
  postForm,
  sesEmails,
  submitIntake,
  viewCase,
  waitForEmail,
  waitForStatus,
  type Created,
} from '../support/stack/inbox.js';
import { uploadRequiredRecords } from '../support/stack/records.js';
import { agreeingOpinion, playReview } from '../support/stack/review.js';
import type { TestStack } from '../support/stack/stack.js';
import { STACK_MS, useTestStack } from '../support/stack/use-test-stack.js';

const TEST_MS = 45_000;
const ROOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEMO_SEED_FILE = join(ROOT_DIR, 'infra/local/demo-seed.json');
const DEMO_PAYERS = (JSON.parse(readFileSync(DEMO_SEED_FILE, 'utf8')) as { payers: Payer[] }).payers;

function demoPayer(payerId: string): Payer {
  const found = DEMO_PAYERS.find((candidate) => candidate.payerId === payerId);
  if (!found) throw new Error(`${payerId} is not in the demo seed`);
  return found;
}

type Submitted = Created & { patientEmail: string; intake: IntakeInput };

/**
 * Every required record arrives (as the referring physician uploads them), then the coordinator and
 * a specialist play one concordant review: only then may the case complete.
 */
async function recordsAndReview(stack: TestStack, theCase: Submitted): Promise<void> {
  await uploadRequiredRecords(stack.urls.api, theCase.caseId, theCase.accessToken);
  await playReview(stack, theCase.caseId, agreeingOpinion(theCase.intake));
}

describe('Done when: insurers on the demo seed — covered, prior authorization and self-pay cases each take their branch', () => {
  const acme = demoPayer('acme-health');
  const summit = demoPayer('summit-care');
  let covered: Submitted;
  let priorAuth: Submitted;
  let selfPay: Submitted;

  const stack = useTestStack({
    seedFile: DEMO_SEED_FILE,
    settings: {
      CONCORD_APPROVAL_TIMEOUT_SECONDS: '30',
      // The insurer's clock must not run out while the test plays the insurer.
      CONCORD_PRIOR_AUTH_ROUTINE_SECONDS: '600',
    },
  });

  beforeAll(async () => {
    indexFhirR4();
    const intakes = [insured(acme.payerId), insured(summit.payerId), intakeFor({ selfPay: true })];
    const [a, b, c] = await Promise.all(intakes.map((intake) => submitIntake(stack, intake)));
    covered = { ...a!, patientEmail: intakes[0]!.patient.email, intake: intakes[0]! };
    priorAuth = { ...b!, patientEmail: intakes[1]!.patient.email, intake: intakes[1]! };
    selfPay = { ...c!, patientEmail: intakes[2]!.patient.email, intake: intakes[2]! };
  }, STACK_MS);

  it('loaded the demo seed', () => {
    expect(stack.seeded.payers).toBe(DEMO_PAYERS.length);
    expect(acme.coversSecondOpinion && !acme.requiresPriorAuth).toBe(true);
    expect(summit.requiresPriorAuth).toBe(true);
  });

  it(
    'the covered and self-pay cases go on to gather records and complete once they arrive and are reviewed; the prior-authorization case waits for the insurer',
    async () => {
      // Arrange: nothing stands between coverage and records for these two
      const gathering = {
        covered: await waitForStatus(stack, covered, 'gathering-records'),
        selfPay: await waitForStatus(stack, selfPay, 'gathering-records'),
      };

      // Act: the referring physician uploads every required record, and a specialist reviews the case
      await recordsAndReview(stack, covered);
      await recordsAndReview(stack, selfPay);
      const settled = {
        covered: await waitForStatus(stack, covered, 'completed'),
        selfPay: await waitForStatus(stack, selfPay, 'completed'),
      };
      await waitForStatus(stack, priorAuth, 'awaiting-prior-authorization');
      const polls = await sample(async () => (await viewCase(stack, priorAuth)).status, 5);

      // Assert
      expect(eventTypes(gathering.covered)).not.toContain('claim-notice-sent');
      expect(eventTypes(gathering.selfPay)).not.toContain('receipt-sent');
      expect(settled.covered.coverage).toEqual({ outcome: 'covered', reason: 'covered-by-plan' });
      expect(settled.selfPay.coverage).toEqual({ outcome: 'self-pay', reason: 'self-pay' });
      expect(polls).toEqual(Array(5).fill('awaiting-prior-authorization'));
      const priorAuthEmails = await emailsAbout(stack, priorAuth.caseId);
      expect(priorAuthEmails.filter(isClaimNotice(priorAuth.caseId))).toEqual([]);
    },
    TEST_MS,
  );

  it(
    'the insurer, playing from the SES inbox, opens the request and approves; that case then completes',
    async () => {
      // Arrange
      const request = await waitForEmail(
        stack,
        isPriorAuthRequest(priorAuth.caseId, summit.priorAuthEmail),
        'the prior-authorization request to Summit Care',
      );
      const link = linkIn(stack, request, 'prior-authorizations');

      // Act
      const page = await fetch(link);
      const pageHtml = await page.text();
      const answer = await postForm(link, { decision: 'approved', reference: 'SUMMIT-PA-2026-001' });
      await recordsAndReview(stack, priorAuth);
      const view = await waitForStatus(stack, priorAuth, 'completed');

      // Assert
      expect(request.destination.to).toEqual([summit.priorAuthEmail]);
      expect(page.status).toBe(200);
      expect(pageHtml).toContain(priorAuth.caseId);
      expect(pageHtml).toMatch(/<form method="post"/);
      expect(answer.status).toBe(200);
      expect(view.coverage).toEqual({
        outcome: 'prior-auth-required',
        reason: 'prior-authorization-required',
      });
      expect(eventTypes(view)).toEqual(
        expect.arrayContaining([
          'prior-authorization-requested',
          'prior-authorization-decided',
          'claim-notice-sent',
          'case-completed',
        ]),
      );
    },
    TEST_MS,
  );

  it(
    'each insured case ends with exactly one claim notice to its payer, a valid FHIR R4 Claim; self-pay gets a receipt and none',
    async () => {
      // Arrange
      const emails = await sesEmails(stack);

      // Act
      const noticesFor = (caseId: string) => emails.filter(isClaimNotice(caseId));
      const attached = emails.filter((email) => (email.attachments ?? []).length > 0);

      // Assert
      for (const [theCase, payer, preAuthRef] of [
        [covered, acme, undefined],
        [priorAuth, summit, ['SUMMIT-PA-2026-001']],
      ] as const) {
        const notices = noticesFor(theCase.caseId);
        expect(notices).toHaveLength(1);
        expect(notices[0]!.destination.to).toEqual([payer.claimsEmail]);
        const claim = await linkedClaim(stack, notices[0]!);
        expect(() => validateFhir(claim)).not.toThrow();
        expect(claim).toMatchObject({ resourceType: 'Claim', use: 'claim', status: 'active' });
        expect(claim.identifier?.[0]?.value).toBe(theCase.caseId);
        expect(claim.insurance?.[0]?.preAuthRef).toEqual(preAuthRef);
        expect(claim.item).toHaveLength(2);
      }
      expect(noticesFor(selfPay.caseId)).toEqual([]);
      // No PHI travels as an attachment: the claims wait behind their links.
      expect(attached).toEqual([]);
      const receipts = emails.filter(isReceipt(selfPay.caseId, selfPay.patientEmail));
      expect(receipts).toHaveLength(1);
      expect(eventTypes(await viewCase(stack, selfPay))).toEqual(
        expect.arrayContaining(['receipt-sent', 'case-completed']),
      );
      // Nobody else got a receipt.
      expect(emails.filter(isReceipt(covered.caseId))).toEqual([]);
      expect(emails.filter(isReceipt(priorAuth.caseId))).toEqual([]);
    },
    TEST_MS,
  );
});
