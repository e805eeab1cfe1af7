import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { RECORD_ID } from '../../../functions/domain/ids.js';
import { isIssuedRecordId, parseRecordKey, recordKey } from '../../../functions/domain/record-keys.js';
import type { CaseRecord } from '../../../functions/domain/case.js';
import { REQUIRED_RECORD_TYPES } from '../../../functions/domain/records.js';
import { CallbackExpiredError, ConflictError, ValidationError } from '../../../functions/shared/errors.js';
import type { OpinionSubmission } from '../../../functions/schemas/opinion.js';
import { requestCallback } from '../../../functions/use-cases/callbacks.js';
import {
  FURTHER_RESULTS,
  MORE_TESTS,
  RECORDS_REQUEST,
  recordChecklist,
  recordsPresenter,
} from '../../../functions/use-cases/records.js';
import { FILES } from '../../support/files.js';
import {
  eventsOfType,
  MAX_BYTES,
  pdfRequest,
  PHYSICIAN,
  PUBLIC_URL,
  RECORDS_KEY,
  setupRecordsCase,
  TOKEN,
  upload,
  UPLOAD_URL_SECONDS,
  type RecordsCase,
  type SetupOptions,
} from '../../support/records-case.js';
import { recordIdKey } from '../../../functions/domain/record-keys.js';

const REPLAYED_TOKEN = 'AAAAKGV4ZWN1dGlvbi0yLXJlY29yZHMtdGFzay10b2tlbg-replayed-token';

const setup = (change?: SetupOptions['change']) => setupRecordsCase({ change });
type Setup = RecordsCase;

const recordsEmails = (s: Setup) =>
  s.outbox.emails().filter((email) => email.subject.startsWith(`Records needed: case ${s.caseId}`));

describe('requestUpload', () => {
  it('stores a requested record and answers a PUT grant bound to its type and size, with an expiry', async () => {
    // Arrange
    const s = await setup();
    const request = pdfRequest('pathology-report', 1_234);
    const before = Date.now();

    // Act
    const grant = await s.announce(request);
    const after = Date.now();

    // Assert
    const stored = await s.records.get(s.caseId, grant.recordId);
    expect(stored).toEqual({
      recordId: grant.recordId,
      caseId: s.caseId,
      type: 'pathology-report',
      key: recordKey(s.caseId, 'pathology-report', grant.recordId),
      status: 'requested',
      displayName: 'pathology-report.pdf',
      contentType: 'application/pdf',
      sizeBytes: 1_234,
      createdAt: expect.any(String),
    });
    expect(s.files.puts).toEqual([
      {
        key: stored!.key,
        contentType: 'application/pdf',
        sizeBytes: 1_234,
        expiresInSeconds: UPLOAD_URL_SECONDS,
        url: grant.uploadUrl,
      },
    ]);
    expect(grant).toEqual({
      recordId: expect.stringMatching(RECORD_ID),
      uploadUrl: s.files.puts[0]!.url,
      method: 'PUT',
      headers: { 'Content-Type': 'application/pdf', 'Content-Length': '1234' },
      expiresAt: expect.any(String),
    });
    const expiresAt = Date.parse(grant.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + UPLOAD_URL_SECONDS * 1000);
    expect(expiresAt).toBeLessThanOrEqual(after + UPLOAD_URL_SECONDS * 1000);
  });

  it('issues a record id that proves itself for this case and type only', async () => {
    // Arrange
    const s = await setup();
    const key = recordIdKey(RECORDS_KEY);

    // Act
    const grant = await s.announce(pdfRequest('imaging'));

    // Assert
    const parts = parseRecordKey(recordKey(s.caseId, 'imaging', grant.recordId))!;
    expect(isIssuedRecordId(key, parts)).toBe(true);
    expect(isIssuedRecordId(key, { ...parts, type: 'lab-results' })).toBe(false);
    expect(isIssuedRecordId(key, { ...parts, caseId: randomUUID() })).toBe(false);
    expect(isIssuedRecordId(recordIdKey(Buffer.from('another secret')), parts)).toBe(false);
  });

  it('keeps the announced file name only as it may be shown', async () => {
    // Arrange: the name a program sent carries a zero-width space and runs long
    const s = await setup();
    const fileName = `scan\u200b of the chest ${'x'.repeat(200)}.pdf`;

    // Act
    const grant = await s.announce({ ...pdfRequest('imaging'), fileName });

    // Assert
    const stored = (await s.records.get(s.caseId, grant.recordId))!;
    expect(stored).not.toHaveProperty('fileName');
    expect(stored.displayName).toMatch(/^scan of the chest x+\.\.\.x+\.pdf$/);
    expect([...stored.displayName!]).toHaveLength(120);
    expect((await recordChecklist(s.caseId, s.records)).records[0]!.fileName).toBe(stored.displayName);
  });

  it('never puts the file name in the object key', async () => {
    // Arrange
    const s = await setup();

    // Act
    const grant = await s.announce({ ...pdfRequest('imaging'), fileName: 'Ana Silva MRI 2026.pdf' });

    // Assert
    const { key } = (await s.records.get(s.caseId, grant.recordId))!;
    expect(key).not.toMatch(/Ana|Silva|MRI/);
    expect(grant.uploadUrl).not.toMatch(/Ana|Silva|MRI/);
  });

  it('accepts a file exactly at the limit', async () => {
    // Arrange
    const s = await setup();

    // Act
    const grant = await s.announce(pdfRequest('imaging', MAX_BYTES));

    // Assert
    expect(grant.headers['Content-Length']).toBe(String(MAX_BYTES));
  });

  it('refuses a file over the limit with a ValidationError on sizeBytes, storing nothing', async () => {
    // Arrange
    const s = await setup();

    // Act
    const attempt = s.announce(pdfRequest('imaging', MAX_BYTES + 1));

    // Assert
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'sizeBytes', message: expect.stringContaining(String(MAX_BYTES)) }],
    });
    expect(s.records.size()).toBe(0);
    expect(s.files.puts).toEqual([]);
  });

  it.each(['completed', 'closed'] as const)('refuses a %s case with 409, storing nothing', async (status) => {
    // Arrange
    const s = await setup((record) => ({ ...record, status }));

    // Act
    const attempt = s.announce(pdfRequest('imaging'));

    // Assert
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    await expect(attempt).rejects.toMatchObject({ status: 409, message: expect.stringContaining(status) });
    expect(s.records.size()).toBe(0);
    expect(s.files.puts).toEqual([]);
  });

  it.each(['checking-coverage', 'gathering-records', 'awaiting-coordinator', 'needs-attention'] as const)(
    'takes records while the case is %s',
    async (status) => {
      // Arrange
      const s = await setup((record) => ({ ...record, status }));

      // Act
      const grant = await s.announce(pdfRequest('imaging'));

      // Assert
      expect(await s.records.get(s.caseId, grant.recordId)).toMatchObject({ status: 'requested' });
    },
  );
});

describe('the records request', () => {
  it('emails the referring physician once, naming every missing record', async () => {
    // Arrange
    const s = await setup();

    // Act
    await s.requestRecords();
    await s.requestRecords();

    // Assert
    const emails = recordsEmails(s);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.to).toEqual([PHYSICIAN]);
    expect(emails[0]!.text).toContain(
      'Still missing: pathology report, imaging, lab results, current treatment plan, physician notes.',
    );
    expect(emails[0]!.text).toMatch(new RegExp(`${PUBLIC_URL}/uploads/${s.recordsCallbackId}\\?sig=`));
    expect((await s.cases.get(s.caseId))!.status).toBe('gathering-records');
    expect(s.tasks.succeeded).toEqual([]);
  });

  it('goes to the patient when the intake names no referring physician', async () => {
    // Arrange
    const s = await setup((record) => {
      const { referringPhysician: _none, ...intake } = record.intake;
      return { ...record, intake: intake as CaseRecord['intake'] };
    });

    // Act
    await s.requestRecords();

    // Assert
    expect(recordsEmails(s).map((email) => email.to)).toEqual([[s.record.intake.patient.email]]);
  });

  it('completes the pending request with the fifth required record: the task succeeds with {decision: complete}', async () => {
    // Arrange
    const s = await setup();
    await s.requestRecords();
    const [last, ...firstFour] = [...REQUIRED_RECORD_TYPES].reverse();
    for (const type of firstFour) await upload(s, pdfRequest(type), FILES.pdf());
    const beforeLast = [...s.tasks.succeeded];

    // Act
    const { outcome } = await upload(s, pdfRequest(last!), FILES.pdf());

    // Assert
    expect(beforeLast).toEqual([]);
    expect(outcome).toBe('received');
    expect(s.tasks.succeeded).toEqual([{ taskToken: TOKEN, output: { decision: 'complete' } }]);
    expect(await s.callbacks.get(s.recordsCallbackId)).toMatchObject({
      status: 'decided',
      decision: { decision: 'complete' },
    });
    expect(await eventsOfType(s, 'records-decided')).toHaveLength(1);
    expect((await recordChecklist(s.caseId, s.records)).complete).toBe(true);
  });

  it('an optional record does not complete the request', async () => {
    // Arrange
    const s = await setup();
    await s.requestRecords();
    for (const type of REQUIRED_RECORD_TYPES.slice(1)) await upload(s, pdfRequest(type), FILES.pdf());

    // Act
    await upload(s, pdfRequest('genetic-testing'), FILES.pdf());

    // Assert
    expect(s.tasks.succeeded).toEqual([]);
    expect((await s.callbacks.get(s.recordsCallbackId))!.status).toBe('pending');
  });

  it('a refused fifth record does not complete the request', async () => {
    // Arrange
    const s = await setup();
    await s.requestRecords();
    for (const type of REQUIRED_RECORD_TYPES.slice(1)) await upload(s, pdfRequest(type), FILES.pdf());

    // Act
    const { outcome } = await upload(s, pdfRequest('pathology-report'), FILES.windowsExe());

    // Assert
    expect(outcome).toBe('refused');
    expect(s.tasks.succeeded).toEqual([]);
    expect((await s.callbacks.get(s.recordsCallbackId))!.status).toBe('pending');
  });

  it('a replayed fifth event answers the task once', async () => {
    // Arrange
    const s = await setup();
    await s.requestRecords();
    let lastKey = '';
    for (const type of REQUIRED_RECORD_TYPES) lastKey = (await upload(s, pdfRequest(type), FILES.pdf())).key;

    // Act
    const replay = await s.arrived(lastKey);

    // Assert
    expect(replay).toBe('ignored');
    expect(s.tasks.succeeded).toHaveLength(1);
    expect(await eventsOfType(s, 'records-decided')).toHaveLength(1);
  });

  it.each<[string, (s: Setup) => unknown, string]>([
    [
      'between receiving the fifth record and its step',
      (s) => jest.spyOn(s.cases, 'recordStep').mockRejectedValueOnce(new Error('stopped')),
      'received',
    ],
    [
      'after the fifth record’s step, before answering the request',
      (s) => jest.spyOn(s.callbacks, 'decide').mockRejectedValueOnce(new Error('stopped')),
      'ignored',
    ],
  ])('the notification again, after a run stopped %s, finishes it', async (_when, stop, outcome) => {
    // Arrange: four required records arrive; the fifth's run stops where `stop` fails it
    const s = await setup();
    await s.requestRecords();
    const [last, ...firstFour] = [...REQUIRED_RECORD_TYPES].reverse();
    for (const type of firstFour) await upload(s, pdfRequest(type), FILES.pdf());
    stop(s);
    await expect(upload(s, pdfRequest(last!), FILES.pdf())).rejects.toThrow('stopped');
    const lastKey = s.files.puts.at(-1)!.key;

    // Act: S3 delivers the event again
    const retried = await s.arrived(lastKey);

    // Assert: the record counted once, and the waiting task answered once
    expect(retried).toBe(outcome);
    expect((await eventsOfType(s, 'record-received')).filter((event) => event.detail === last)).toHaveLength(
      1,
    );
    expect((await s.callbacks.get(s.recordsCallbackId))!.status).toBe('decided');
    expect(s.tasks.succeeded).toEqual([{ taskToken: TOKEN, output: { decision: 'complete' } }]);
    expect(await s.arrived(lastKey)).toBe('ignored');
    expect(s.tasks.succeeded).toHaveLength(1);
  });

  it.each(['settle', 'remove'] as const)(
    'a refused file whose run stopped at its %s is refused by the retry: record, file and event',
    async (failing) => {
      // Arrange
      const s = await setup();
      if (failing === 'settle') jest.spyOn(s.records, 'settle').mockRejectedValueOnce(new Error('stopped'));
      else jest.spyOn(s.files, 'remove').mockRejectedValueOnce(new Error('stopped'));
      await expect(upload(s, pdfRequest('imaging'), FILES.windowsExe())).rejects.toThrow('stopped');
      const { key } = s.files.puts.at(-1)!;

      // Act
      const retried = await s.arrived(key);

      // Assert
      expect(retried).toBe('refused');
      expect(s.files.has(key)).toBe(false);
      const [record] = (await recordChecklist(s.caseId, s.records)).records;
      expect(record).toMatchObject({ status: 'refused', refusedReason: expect.any(String) });
      expect(await eventsOfType(s, 'record-refused')).toHaveLength(1);
    },
  );

  it('the last record arriving after the link’s expiry, before the timer ends the wait, still completes it', async () => {
    // Arrange: a request whose link expires at once (its last wait runs a moment past the expiry)
    const s = await setup();
    await requestCallback(
      { caseId: s.caseId, ...RECORDS_REQUEST },
      { taskToken: TOKEN, timeoutSeconds: 0 },
      recordsPresenter,
      s.ports,
    );
    const [last, ...firstFour] = [...REQUIRED_RECORD_TYPES].reverse();
    for (const type of firstFour) await upload(s, pdfRequest(type), FILES.pdf());

    // Act
    const { outcome } = await upload(s, pdfRequest(last!), FILES.pdf());

    // Assert
    expect(outcome).toBe('received');
    expect(s.tasks.succeeded).toEqual([{ taskToken: TOKEN, output: { decision: 'complete' } }]);
    expect(await s.callbacks.get(s.recordsCallbackId)).toMatchObject({ status: 'decided' });
  });

  it('answers itself, without an email, when every record arrived before the request', async () => {
    // Arrange
    const s = await setup();
    for (const type of REQUIRED_RECORD_TYPES) await upload(s, pdfRequest(type), FILES.pdf());

    // Act
    await s.requestRecords();

    // Assert
    expect(recordsEmails(s)).toEqual([]);
    expect(s.tasks.succeeded).toEqual([{ taskToken: TOKEN, output: { decision: 'complete' } }]);
  });

  it('reminds with exactly what is still missing, then expires when reminders run out', async () => {
    // Arrange
    const s = await setup();
    await s.requestRecords();
    await upload(s, pdfRequest('pathology-report'), FILES.pdf());
    await upload(s, pdfRequest('treatment-plan'), FILES.pdf());
    await upload(s, pdfRequest('imaging', 10), FILES.pdf()); // refused: still missing

    // Act
    const first = await s.timedOut();
    const second = await s.timedOut();
    const third = s.timedOut();

    // Assert
    expect([first, second]).toEqual([{ remindersSent: 1 }, { remindersSent: 2 }]);
    await expect(third).rejects.toBeInstanceOf(CallbackExpiredError);
    const reminders = recordsEmails(s).filter((email) => /reminder/.test(email.subject));
    expect(reminders.map((email) => email.subject)).toEqual([
      `Records needed: case ${s.caseId} — reminder 1`,
      `Records needed: case ${s.caseId} — reminder 2`,
    ]);
    for (const reminder of reminders) {
      expect(reminder.to).toEqual([PHYSICIAN]);
      expect(reminder.text).toContain('Still missing: imaging, lab results, physician notes.');
    }
    expect(await eventsOfType(s, 'records-expired')).toHaveLength(1);
  });

  it('a timeout finding the checklist complete answers the task instead of reminding', async () => {
    // Arrange: every record is in, but nothing answered the request (say the handler died first)
    const s = await setup();
    await s.requestRecords();
    for (const type of REQUIRED_RECORD_TYPES) {
      const recordId = randomUUID();
      await s.records.put({
        recordId,
        caseId: s.caseId,
        type,
        key: recordKey(s.caseId, type, recordId),
        status: 'received',
        createdAt: new Date().toISOString(),
        receivedAt: new Date().toISOString(),
      });
    }
    const emailsBefore = recordsEmails(s).length;

    // Act
    const result = await s.timedOut();

    // Assert
    expect(result).toEqual({ remindersSent: 0 });
    expect(recordsEmails(s)).toHaveLength(emailsBefore);
    expect(s.tasks.succeeded).toEqual([{ taskToken: TOKEN, output: { decision: 'complete' } }]);
    expect((await s.callbacks.get(s.recordsCallbackId))!.status).toBe('decided');
  });

  it('a completion whose task was gone reaches the replayed GatherRecords step, with no reminder', async () => {
    // Arrange: the fifth record answers a task that had already timed out
    const s = await setup();
    await s.requestRecords();
    s.tasks.markGone(TOKEN);
    for (const type of REQUIRED_RECORD_TYPES) await upload(s, pdfRequest(type), FILES.pdf());
    const emailsBefore = recordsEmails(s).length;

    // Act: GatherRecordsTimedOut, then GatherRecords again with a new token
    const timedOut = await s.timedOut();
    await s.requestRecords(REPLAYED_TOKEN);

    // Assert
    expect(timedOut).toEqual({ remindersSent: 0 });
    expect(recordsEmails(s)).toHaveLength(emailsBefore);
    expect(s.tasks.succeeded).toEqual([{ taskToken: REPLAYED_TOKEN, output: { decision: 'complete' } }]);
  });
});

describe('the more-tests request', () => {
  const SUBMITTED_AT = '2026-11-20T10:00:00.000Z';

  /** The specialist's submission of attempt 1 asks for more tests, naming these (or none). */
  async function askedForTests(testsNeeded?: OpinionSubmission['testsNeeded']) {
    const s = await setup();
    const submission = {
      diagnosisAssessment: 'more-tests-needed',
      icd10: 'C50.911',
      stage: 'IIA',
      treatmentPlan: [{ modality: 'surgery' }],
      clinicalTrials: [],
      answers: [],
      rationale: 'A genomic assay decides whether chemotherapy adds anything.',
      references: [],
      ...(testsNeeded ? { testsNeeded } : {}),
    } satisfies OpinionSubmission;
    await s.ports.assignments.put({
      caseId: s.caseId,
      attempt: 1,
      opinionNumber: 2,
      specialistId: 's-001',
      organization: 'University Cancer Center',
      disciplines: ['medical-oncology'],
      alternates: [],
      score: 1,
      eligible: 1,
      status: 'accepted',
      proposedAt: SUBMITTED_AT,
      submission,
      submittedAt: SUBMITTED_AT,
    });
    const progress = async () =>
      recordsPresenter.progress!(s.record, s.ports, {
        caseId: s.caseId,
        kind: 'records',
        purpose: MORE_TESTS,
        round: 1,
      });
    return { s, progress };
  }

  it('waits for each type named, and settles once they have all arrived', async () => {
    const { s, progress } = await askedForTests([
      { type: 'genetic-testing', description: 'Oncotype DX' },
      { type: 'imaging', description: 'Chest CT with contrast' },
    ]);
    const waiting = await progress();
    await upload(s, pdfRequest('imaging'), FILES.pdf());
    const afterOther = await progress();
    await upload(s, pdfRequest('genetic-testing'), FILES.pdf());

    expect(waiting).toEqual({
      details: ['The specialist asks for: genetic testing (Oncotype DX); imaging (Chest CT with contrast).'],
    });
    expect(afterOther).toEqual({ details: ['The specialist asks for: genetic testing (Oncotype DX).'] });
    expect(await progress()).toMatchObject({ settled: { decision: 'complete' } });
  });

  it('with no tests named (API.md’s opinion), waits for the further results and settles with any record that arrives', async () => {
    const { s, progress } = await askedForTests();
    const waiting = await progress();
    await upload(s, pdfRequest('lab-results'), FILES.pdf());

    expect(waiting).toEqual({ details: [`The specialist asks for: ${FURTHER_RESULTS}.`] });
    expect(await progress()).toMatchObject({ settled: { decision: 'complete' } });
  });
});
