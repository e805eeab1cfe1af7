import { REFUSAL_REASONS } from '../../functions/domain/record-checks/reasons.js';
import type { IntakeInput } from '../../functions/schemas/intake.js';
import {
  emailsAbout,
  eventTypes,
  gateApprovals,
  insured,
  intakeFor,
  isApprovalRequest,
  isClaimNotice,
  linkIn,
  sample,
} from '../support/stack/insurance.js';
import { FILES } from '../support/files.js';
import { pollUntil } from '../support/poll.js';
import {
  isAnyRecordsEmail,
  isRecordsReminder,
  isRecordsRequest,
  objectExists,
  stillMissing,
  uploadLinkIn,
} from '../support/stack/records-email.js';
import {
  COORDINATOR,
  expectRecorded,
  postForm,
  sesEmails,
  submitIntake,
  viewCase,
  waitForEmail,
  waitForStatus,
  type Created,
  type SesEmail,
} from '../support/stack/inbox.js';
import {
  announceRecord,
  listRecords,
  putFile,
  REQUIRED_RECORD_TYPES,
  uploadRecord,
  uploadRequiredRecords,
  waitForRecords,
  type RecordsView,
  type UploadGrant,
} from '../support/stack/records.js';
import { agreeingOpinion, playReview, waitForProposal } from '../support/stack/review.js';
import type { TestStack } from '../support/stack/stack.js';
import { STACK_MS, useTestStack } from '../support/stack/use-test-stack.js';

const TEST_MS = 45_000;
const PHYSICIAN = 'lee@clinic.example';
const ACME = { payerId: 'acme-health', claimsEmail: 'claims@acme.example' };
const MAX_BYTES = 65_536;

const recordKeyOf = (caseId: string, type: string, recordId: string) =>
  `cases/${caseId}/records/${type}/${recordId}`;

async function recordsRequest(stack: TestStack, theCase: Created, to: string): Promise<SesEmail> {
  return waitForEmail(
    stack,
    isRecordsRequest(theCase.caseId, to),
    `the records request for ${theCase.caseId}`,
  );
}

const api = (stack: TestStack, theCase: Created) =>
  [stack.urls.api, theCase.caseId, theCase.accessToken] as const;

/** The coordinator and a specialist play one concordant review: after the records, what a case needs to complete. */
const review = (stack: TestStack, theCase: Created, intake: IntakeInput) =>
  playReview(stack, theCase.caseId, agreeingOpinion(intake));

describe('records gathering on the embedded stack', () => {
  const stack = useTestStack({
    settings: {
      CONCORD_APPROVAL_TIMEOUT_SECONDS: '30',
      // No reminder comes during these tests: each waits for its records.
      CONCORD_RECORDS_REMINDER_SECONDS: '600',
      CONCORD_RECORDS_REMINDERS: '3',
      CONCORD_RECORD_MAX_BYTES: String(MAX_BYTES),
    },
  });

  describe('the complete path: five records through the API', () => {
    let theCase: Created;
    let gathering: Awaited<ReturnType<typeof viewCase>>;
    let request: SesEmail;
    let before: RecordsView;
    let completed: Awaited<ReturnType<typeof viewCase>>;

    beforeAll(async () => {
      const intake = insured(ACME.payerId);
      theCase = await submitIntake(stack, intake);
      gathering = await waitForStatus(stack, theCase, 'gathering-records');
      request = await recordsRequest(stack, theCase, PHYSICIAN);
      before = await listRecords(...api(stack, theCase));
      await uploadRequiredRecords(...api(stack, theCase));
      await review(stack, theCase, intake);
      completed = await waitForStatus(stack, theCase, 'completed');
    }, TEST_MS);

    it('waits in gathering-records after coverage, asking once for records', () => {
      expect(eventTypes(gathering)).toEqual(
        expect.arrayContaining(['coverage-decided', 'records-requested']),
      );
      expect(eventTypes(gathering)).not.toContain('claim-notice-sent');
      expect(before).toMatchObject({
        caseId: theCase.caseId,
        complete: false,
        missing: [...REQUIRED_RECORD_TYPES],
        records: [],
      });
    });

    it('emails the referring physician exactly one request, with a signed upload link and what is missing', async () => {
      const all = (await emailsAbout(stack, theCase.caseId)).filter(isAnyRecordsEmail(theCase.caseId));

      expect(all).toHaveLength(1);
      expect(request.destination.to).toEqual([PHYSICIAN]);
      expect(request.subject).toBe(`Records needed: case ${theCase.caseId}`);
      expect(uploadLinkIn(stack, request)).toMatch(
        new RegExp(`^${stack.urls.api}/uploads/[A-Za-z0-9_-]{22,}\\?sig=\\d+\\.[A-Za-z0-9_-]{43}$`),
      );
      expect(stillMissing(request)).toBe(
        'Still missing: pathology report, imaging, lab results, current treatment plan, physician notes.',
      );
    });

    it('completes once all five have arrived and the case is reviewed: the timeline in order, one claim notice', async () => {
      const types = eventTypes(completed);
      const at = (type: string) => types.indexOf(type);

      expect(types.filter((type) => type === 'record-received')).toHaveLength(5);
      expect(types.filter((type) => type === 'records-decided')).toHaveLength(1);
      expect(at('coverage-decided')).toBeLessThan(at('records-requested'));
      expect(types.lastIndexOf('record-received')).toBeLessThan(at('records-decided'));
      expect(at('records-decided')).toBeLessThan(at('specialist-proposed'));
      expect(at('specialist-proposed')).toBeLessThan(at('claim-notice-sent'));
      expect(types.at(-1)).toBe('case-completed');
      expect((await emailsAbout(stack, theCase.caseId)).filter(isClaimNotice(theCase.caseId))).toHaveLength(
        1,
      );
    });

    it('shows the complete checklist', async () => {
      const list = await listRecords(...api(stack, theCase));

      expect(list.complete).toBe(true);
      expect(list.missing).toEqual([]);
      expect(list.items.filter((item) => item.required)).toEqual(
        REQUIRED_RECORD_TYPES.map((type) => ({ type, required: true, received: true })),
      );
      expect(list.records).toHaveLength(5);
      for (const record of list.records) {
        expect(record).toEqual({
          recordId: expect.any(String),
          type: expect.any(String),
          status: 'received',
          fileName: `${record.type}.pdf`,
        });
      }
    });

    it('sends no reminder and takes no more records once completed (409)', async () => {
      const late = await fetch(`${stack.urls.api}/cases/${theCase.caseId}/records`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${theCase.accessToken}` },
        body: JSON.stringify({
          type: 'other',
          fileName: 'late.pdf',
          contentType: 'application/pdf',
          sizeBytes: 100,
        }),
      });

      expect(late.status).toBe(409);
      expect(late.headers.get('content-type')).toBe('application/problem+json');
      const reminders = (await emailsAbout(stack, theCase.caseId)).filter((email) =>
        /reminder/.test(email.subject),
      );
      expect(reminders).toEqual([]);
    });
  });

  it(
    'asks the patient when the intake names no referring physician',
    async () => {
      // Arrange
      const intake: IntakeInput = insured(ACME.payerId);
      delete intake.referringPhysician;
      const theCase = await submitIntake(stack, intake);

      // Act
      const request = await recordsRequest(stack, theCase, intake.patient.email);

      // Assert
      expect(request.destination.to).toEqual([intake.patient.email]);
      const all = (await emailsAbout(stack, theCase.caseId)).filter(isAnyRecordsEmail(theCase.caseId));
      expect(all).toHaveLength(1);
      expect(all.flatMap((email) => email.destination.to)).not.toContain(PHYSICIAN);
      // The patient uploads them, and the case goes on to a specialist.
      await uploadRequiredRecords(...api(stack, theCase));
      await waitForProposal(stack, theCase);
    },
    TEST_MS,
  );

  it(
    'gathers records after a self-pay intake too',
    async () => {
      // Arrange
      const intake = intakeFor({ selfPay: true });
      const theCase = await submitIntake(stack, intake);

      // Act
      const gathering = await waitForStatus(stack, theCase, 'gathering-records');
      await uploadRequiredRecords(...api(stack, theCase));
      await review(stack, theCase, intake);
      const view = await waitForStatus(stack, theCase, 'completed');

      // Assert
      expect(eventTypes(gathering)).not.toContain('receipt-sent');
      expect(eventTypes(view)).toEqual(
        expect.arrayContaining(['records-requested', 'records-decided', 'receipt-sent', 'case-completed']),
      );
    },
    TEST_MS,
  );

  describe('refused uploads', () => {
    let theCase: Created;
    let oversized: UploadGrant;
    let executable: UploadGrant;
    let refusedView: RecordsView;
    let waiting: string[];

    beforeAll(async () => {
      theCase = await submitIntake(stack, insured(ACME.payerId));
      await waitForStatus(stack, theCase, 'gathering-records');
      // Announced as 10 bytes, and more arrive (the emulator, like a careless client, lets it through).
      oversized = await announceRecord(...api(stack, theCase), {
        type: 'pathology-report',
        fileName: 'pathology.pdf',
        contentType: 'application/pdf',
        sizeBytes: 10,
      });
      await putFile(oversized, FILES.pdf(), {
        'Content-Type': 'application/pdf',
      });
      // A Windows executable announced as a PDF of its exact size.
      executable = await uploadRecord(
        ...api(stack, theCase),
        'imaging',
        FILES.windowsExe(),
        'application/pdf',
      );
      refusedView = await waitForRecords(
        ...api(stack, theCase),
        (view) => view.records.filter((record) => record.status === 'refused').length === 2,
        'both uploads refused',
      );
      // A refusal's timeline event is its last write, after the file is deleted.
      await pollUntil(
        () => viewCase(stack, theCase),
        (view) => eventTypes(view).filter((type) => type === 'record-refused').length === 2,
        { what: 'both refusals on the timeline' },
      );
      waiting = (await sample(async () => (await viewCase(stack, theCase)).status, 3)) as string[];
    }, TEST_MS);

    it('lists both as refused with a clear reason, and counts neither', () => {
      const byId = (recordId: string) => refusedView.records.find((record) => record.recordId === recordId);

      expect(byId(oversized.recordId)).toEqual({
        recordId: oversized.recordId,
        type: 'pathology-report',
        status: 'refused',
        fileName: 'pathology.pdf',
        refusedCode: 'larger-than-announced',
        refusedReason: REFUSAL_REASONS['larger-than-announced'],
      });
      expect(byId(executable.recordId)).toEqual({
        recordId: executable.recordId,
        type: 'imaging',
        status: 'refused',
        fileName: 'imaging.pdf',
        refusedCode: 'executable',
        refusedReason: REFUSAL_REASONS.executable,
      });
      expect(refusedView.complete).toBe(false);
      expect(refusedView.missing).toEqual([...REQUIRED_RECORD_TYPES]);
      expect(refusedView.items.filter((item) => item.received)).toEqual([]);
    });

    it('deletes the refused files from the bucket', async () => {
      expect(
        await objectExists(stack, recordKeyOf(theCase.caseId, 'pathology-report', oversized.recordId)),
      ).toBe(false);
      expect(await objectExists(stack, recordKeyOf(theCase.caseId, 'imaging', executable.recordId))).toBe(
        false,
      );
    });

    it('puts record-refused events on the timeline and keeps the case gathering records', async () => {
      const view = await viewCase(stack, theCase);
      const refused = view.timeline.filter((event) => event.type === 'record-refused');

      expect(waiting).toEqual(Array(3).fill('gathering-records'));
      expect(refused.map((event) => event.detail).sort()).toEqual(
        ['pathology-report: larger-than-announced', 'imaging: executable'].sort(),
      );
      expect(eventTypes(view)).not.toContain('record-received');
    });

    it(
      'goes on to a specialist once proper files replace them',
      async () => {
        // Act
        await uploadRequiredRecords(...api(stack, theCase));
        const view = await waitForProposal(stack, theCase);

        // Assert
        const list = await listRecords(...api(stack, theCase));
        expect(list.records.filter((record) => record.status === 'refused')).toHaveLength(2);
        expect(list.records.filter((record) => record.status === 'received')).toHaveLength(5);
        expect(eventTypes(view).lastIndexOf('record-refused')).toBeLessThan(
          eventTypes(view).indexOf('records-decided'),
        );
        expect(eventTypes(view)).toContain('specialist-proposed');
      },
      TEST_MS,
    );
  });

  describe('POST /cases/{caseId}/records refuses bad requests', () => {
    let intake: IntakeInput;
    let theCase: Created;

    beforeAll(async () => {
      intake = insured(ACME.payerId);
      theCase = await submitIntake(stack, intake);
      await waitForStatus(stack, theCase, 'gathering-records');
    }, TEST_MS);

    afterAll(async () => {
      // Leave nothing waiting.
      await uploadRequiredRecords(...api(stack, theCase));
      await review(stack, theCase, intake);
    }, TEST_MS);

    const post = (body: unknown, token: string | null = theCase.accessToken) =>
      fetch(`${stack.urls.api}/cases/${theCase.caseId}/records`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
        },
        body: JSON.stringify(body),
      });
    const good = { type: 'imaging', fileName: 'scan.pdf', contentType: 'application/pdf', sizeBytes: 100 };

    it.each<[string, Record<string, unknown>, string]>([
      ['an unknown type', { ...good, type: 'x-rays' }, 'type'],
      [
        'a content type outside the list',
        { ...good, contentType: 'application/x-msdownload' },
        'contentType',
      ],
      ['a file over the limit', { ...good, sizeBytes: MAX_BYTES + 1 }, 'sizeBytes'],
      ['an empty file', { ...good, sizeBytes: 0 }, 'sizeBytes'],
      ['a path for a file name', { ...good, fileName: '../../etc/passwd' }, 'fileName'],
      ['an unknown field', { ...good, bucket: 'elsewhere' }, 'bucket'],
    ])('%s: 400 problem+json naming the field, nothing stored', async (_name, body, path) => {
      const response = await post(body);

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const problem = (await response.json()) as { errors: Array<{ path: string }> };
      expect(problem.errors.map((error) => error.path)).toContain(path);
      expect((await listRecords(...api(stack, theCase))).records).toEqual([]);
    });

    it('401 without a token, 404 with a wrong one', async () => {
      const [none, wrong] = await Promise.all([post(good, null), post(good, `${theCase.accessToken}x`)]);

      expect([none.status, wrong.status]).toEqual([401, 404]);
      expect((await listRecords(...api(stack, theCase))).records).toEqual([]);
    });

    it('GET /cases/{caseId}/records: 401 without a token, 404 with a wrong one', async () => {
      const url = `${stack.urls.api}/cases/${theCase.caseId}/records`;
      const [none, wrong] = await Promise.all([
        fetch(url),
        fetch(url, { headers: { Authorization: `Bearer ${theCase.accessToken}x` } }),
      ]);

      expect([none.status, wrong.status]).toEqual([401, 404]);
    });
  });
});

/** Polls of 50 ms for the escalation, which comes two records waits (10 s) after the request. */
const ESCALATION_ATTEMPTS = 400;

describe('records reminders and escalation (5-second records wait, one reminder)', () => {
  let reminded: Created;
  let approved: Created;
  let approvedIntake: IntakeInput;
  let rejected: Created;

  const stack = useTestStack(
    {
      settings: {
        CONCORD_APPROVAL_TIMEOUT_SECONDS: '30',
        // Long enough that a loaded machine still uploads between the request and each reminder.
        CONCORD_RECORDS_REMINDER_SECONDS: '5',
        CONCORD_RECORDS_REMINDERS: '1',
      },
    },
    { freshModules: true },
  );

  beforeAll(async () => {
    approvedIntake = insured(ACME.payerId);
    [reminded, approved, rejected] = await Promise.all([
      submitIntake(stack, insured(ACME.payerId)),
      submitIntake(stack, approvedIntake),
      submitIntake(stack, insured(ACME.payerId)),
    ]);
    // Some records arrive at once, well before the first reminder is due.
    await uploadRequiredRecords(...api(stack, reminded), {
      types: ['pathology-report', 'imaging', 'physician-notes'],
    });
    await uploadRequiredRecords(...api(stack, approved), { types: ['pathology-report'] });
  }, STACK_MS);

  it(
    'reminds the physician with exactly what is still missing; the last records move the case on to a specialist',
    async () => {
      // Arrange: three of the five arrived (beforeAll)
      const request = await recordsRequest(stack, reminded, PHYSICIAN);

      // Act
      const reminder = await waitForEmail(stack, isRecordsReminder(reminded.caseId, 1), 'the first reminder');
      await uploadRequiredRecords(...api(stack, reminded), { types: ['lab-results', 'treatment-plan'] });
      const view = await waitForProposal(stack, reminded);

      // Assert
      expect(reminder.destination.to).toEqual([PHYSICIAN]);
      expect(stillMissing(reminder)).toBe('Still missing: lab results, current treatment plan.');
      expect(uploadLinkIn(stack, reminder)).toBe(uploadLinkIn(stack, request));
      expect(eventTypes(view)).not.toContain('records-expired');
      expect(gateApprovals(view)).toEqual([]);
      const emails = (await sesEmails(stack)).filter(isAnyRecordsEmail(reminded.caseId));
      expect(emails.map((email) => email.subject)).toEqual([
        `Records needed: case ${reminded.caseId}`,
        `Records needed: case ${reminded.caseId} — reminder 1`,
      ]);
    },
    TEST_MS,
  );

  it(
    'escalates to the coordinator when reminders run out; approved on partial records, the case is reviewed and completes',
    async () => {
      // Arrange: only the pathology report arrived (beforeAll)
      const escalation = await waitForEmail(
        stack,
        isApprovalRequest(approved.caseId, 'records-incomplete'),
        'the records-incomplete approval',
        ESCALATION_ATTEMPTS,
      );
      const waiting = await waitForStatus(stack, approved, 'awaiting-coordinator');
      const link = linkIn(stack, escalation, 'approvals');

      // Act
      const wrongBasis = await postForm(link, { decision: 'approve', basis: 'self-pay' });
      const answer = await postForm(link, { decision: 'approve', basis: 'partial-records' });
      await review(stack, approved, approvedIntake);
      const view = await waitForStatus(stack, approved, 'completed');

      // Assert
      expect(escalation.destination.to).toEqual([COORDINATOR]);
      expect(wrongBasis.status).toBe(400);
      await expectRecorded(answer);
      const reminder = await waitForEmail(stack, isRecordsReminder(approved.caseId, 1), 'the reminder');
      expect(stillMissing(reminder)).toBe(
        'Still missing: imaging, lab results, current treatment plan, physician notes.',
      );
      expect(eventTypes(waiting)).toEqual(expect.arrayContaining(['records-expired', 'approval-requested']));
      expect(gateApprovals(waiting)).toEqual(['records-incomplete']);
      // The only gate decided: the coordinator's approval of the specialist is the review's, not the records'.
      const decided = view.timeline.filter(
        (event) => event.type === 'approval-decided' && !event.detail?.startsWith('specialist-match:'),
      );
      expect(decided).toEqual([
        expect.objectContaining({
          actor: COORDINATOR,
          detail: expect.stringMatching(/records-incomplete: approve as partial-records/),
        }),
      ]);
      expect(eventTypes(view)).toEqual(expect.arrayContaining(['claim-notice-sent', 'case-completed']));
      expect((await emailsAbout(stack, approved.caseId)).filter(isClaimNotice(approved.caseId))).toHaveLength(
        1,
      );
      expect((await listRecords(...api(stack, approved))).missing).toHaveLength(4);
      const remindersSent = (await sesEmails(stack)).filter(
        (email) => isAnyRecordsEmail(approved.caseId)(email) && /reminder/.test(email.subject),
      );
      expect(remindersSent).toHaveLength(1);
    },
    TEST_MS,
  );

  it(
    'escalated and rejected: the case is closed as records-incomplete, with no claim notice',
    async () => {
      // Arrange
      const request = await recordsRequest(stack, rejected, PHYSICIAN);
      const escalation = await waitForEmail(
        stack,
        isApprovalRequest(rejected.caseId, 'records-incomplete'),
        'the records-incomplete approval',
        ESCALATION_ATTEMPTS,
      );

      // Act
      await expectRecorded(await postForm(linkIn(stack, escalation, 'approvals'), { decision: 'reject' }));
      const view = await waitForStatus(stack, rejected, 'closed');

      // Assert
      expect(view.timeline.filter((event) => event.type === 'case-closed')).toEqual([
        expect.objectContaining({ detail: 'records-incomplete' }),
      ]);
      expect((await emailsAbout(stack, rejected.caseId)).filter(isClaimNotice(rejected.caseId))).toEqual([]);
      expect(eventTypes(view)).not.toContain('case-completed');
      // The records link expired with the request: the page says so and takes nothing.
      const page = await fetch(uploadLinkIn(stack, request));
      expect(page.status).toBe(410);
      const late = await fetch(`${stack.urls.api}/cases/${rejected.caseId}/records`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${rejected.accessToken}` },
        body: JSON.stringify({
          type: 'imaging',
          fileName: 'a.pdf',
          contentType: 'application/pdf',
          sizeBytes: 10,
        }),
      });
      expect(late.status).toBe(409);
    },
    TEST_MS,
  );
});
