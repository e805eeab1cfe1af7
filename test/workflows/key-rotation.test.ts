import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { insured } from '../support/stack/insurance.js';
import {
  postForm,
  singleLinkIn,
  submitIntake,
  waitForEmail,
  waitForStatus,
  type SesEmail,
} from '../support/stack/inbox.js';
import { currentLinkKey } from '../support/stack/approvals.js';
import { uploadRequiredRecords } from '../support/stack/records.js';
import {
  agreeingOpinion,
  assignmentRequest,
  matchProposal,
  postOpinion,
  waitForProposal,
} from '../support/stack/review.js';
import { sigParts } from '../support/signatures.js';
import { useTestStack } from '../support/stack/use-test-stack.js';

const TEST_MS = 90_000;
const ROOT = join(import.meta.dirname, '..', '..');

const kidOf = (link: string) => sigParts(new URL(link).searchParams.get('sig')!).kid;

/** `npm run rotate-key` against the running stack, as an operator would run it. */
async function rotateKey(secretsUrl: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    join(ROOT, 'node_modules', '.bin', 'tsx'),
    [join(ROOT, 'infra', 'local', 'cli.ts'), 'rotate-key'],
    { env: { ...process.env, CONCORD_SECRETS_PORT: new URL(secretsUrl).port }, cwd: ROOT },
  );
  return stdout;
}

describe('rotating the link-signing key in the middle of a running case', () => {
  // Functions read the keys at every use (no cache), so the first link after the rotation uses the new key.
  const stack = useTestStack(
    {
      settings: {
        CONCORD_SECRET_CACHE_SECONDS: '0',
        CONCORD_OPINION_SLA_SECONDS: '600',
        CONCORD_APPROVAL_TIMEOUT_SECONDS: '600',
      },
    },
    { freshModules: true },
  );

  it(
    'links sent before still work, links sent after use the new key, and the case completes',
    async () => {
      // Arrange: a case waiting for the coordinator's approval of a proposed specialist
      const intake = insured('acme-health');
      const created = await submitIntake(stack, intake);
      await uploadRequiredRecords(stack.urls.api, created.caseId, created.accessToken);
      await waitForProposal(stack, created);
      const proposal = await matchProposal(stack, created.caseId);
      const before = await currentLinkKey(stack);
      expect(kidOf(proposal)).toBe(before.kid);

      // Act: rotate, then go on with the link emailed before and the ones emailed after
      const printed = await rotateKey(stack.urls.secrets);
      const after = await currentLinkKey(stack);
      const approved = await postForm(proposal, { decision: 'approve' }, true);
      const { link: assignment } = await assignmentRequest(stack, created.caseId);
      const accepted = await postForm(assignment, { decision: 'accept' }, true);
      const opinion = await postOpinion(assignment, agreeingOpinion(intake));
      const view = await waitForStatus(stack, created, 'completed');

      // Assert
      expect(printed).toMatch(/^Rotated the link-signing key: version \S+ now signs links/);
      expect(after.kid).toBeDefined();
      expect(after.kid).not.toBe(before.kid);
      expect([approved.status, accepted.status, opinion.status]).toEqual([200, 200, 200]);
      expect(kidOf(assignment)).toBe(after.kid);
      const report: SesEmail = await waitForEmail(
        stack,
        (email) => email.subject.includes(created.caseId) && /report .* is ready/.test(email.subject),
        'the report email',
      );
      const reportLink = singleLinkIn(stack, report, 'reports');
      expect(kidOf(reportLink)).toBe(after.kid);
      expect((await fetch(reportLink)).status).toBe(200);
      // The approval link from before the rotation still opens: it answers that it was decided.
      expect((await fetch(proposal, { headers: { Accept: 'application/json' } })).status).toBe(409);
      expect(view.opinions).toBe(2);
    },
    TEST_MS,
  );
});
