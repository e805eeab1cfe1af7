import { jest } from '@jest/globals';
import { MemoryAssignmentStore, MemoryCapacityLedger } from '../../support/fakes/memory-assignments.js';
import { randomUUID } from 'node:crypto';
import type { CaseRecord } from '../../../functions/domain/case.js';
import { recordKey, REQUIRED_RECORD_TYPES, type RecordType } from '../../../functions/domain/records.js';
import { callbackId } from '../../../functions/domain/signed-link.js';
import type { RecordRequest } from '../../../functions/schemas/records.js';
import { CallbackExpiredError, ConflictError, ValidationError } from '../../../functions/shared/errors.js';
import type { OpinionSubmission } from '../../../functions/schemas/opinion.js';
import {
  callbackTimedOut,
  requestCallback,
  type CallbackPorts,
} from '../../../functions/use-cases/callbacks.js';
import {
  RECORDS_REQUEST,
  FURTHER_RESULTS,
  MORE_TESTS,
  recordChecklist,
  recordsPresenter,
  recordUploaded,
  requestUpload,
  type RecordSettings,
} from '../../../functions/use-cases/records.js';
import { MemoryCallbackStore, RecordingTaskCallbacks } from '../../support/fakes/memory-callbacks.js';
import {
  MemoryOutbox,
  MemorySecrets,
  MemoryCaseStore,
  MemoryDirectory,
} from '../../support/fakes/memory-ports.js';
import { caseRecord, payer } from '../../support/case-records.js';
import { FILES } from '../../support/files.js';
import { MemoryRecordFiles, MemoryRecordStore } from '../../support/fakes/memory-records.js';

const KEY = Buffer.from('records-unit-test-key-0123456789abcdef', 'utf8');
const PUBLIC_URL = 'https://concord.example';
const PHYSICIAN = 'lee@clinic.example';
const MAX_BYTES = 4_096;
const UPLOAD_URL_SECONDS = 900;
const TIMEOUT = 3600;
const TOKEN = 'AAAAKGV4ZWN1dGlvbi0xLXJlY29yZHMtdGFzay10b2tlbg-records-token';
const REPLAYED_TOKEN = 'AAAAKGV4ZWN1dGlvbi0yLXJlY29yZHMtdGFzay10b2tlbg-replayed-token';

async function setup(change: (record: CaseRecord) => CaseRecord = (record) => record) {
  const cases = new MemoryCaseStore();
  const record = change(caseRecord(payer('acme-health'), { caseId: randomUUID() }));
  await cases.create(record, { type: 'case-received' });
  const records = new MemoryRecordStore();
  const files = new MemoryRecordFiles();
  const outbox = new MemoryOutbox();
  const tasks = new RecordingTaskCallbacks();
  const callbacks = new MemoryCallbackStore();
  const settings: CallbackPorts['settings'] & RecordSettings = {
    publicUrl: PUBLIC_URL,
    coordinatorEmail: 'coordinator@concord.local',
    approvalReminders: 2,
    recordsReminders: 2,
    opinionReminders: 1,
    recordMaxBytes: MAX_BYTES,
    uploadUrlSeconds: UPLOAD_URL_SECONDS,
  };
  const ports = {
    cases,
    callbacks,
    outbox,
    tasks,
    secrets: new MemorySecrets(KEY),
    directory: new MemoryDirectory([]),
    records,
    assignments: new MemoryAssignmentStore(),
    capacity: new MemoryCapacityLedger(),
    files,
    settings,
  };
  const { caseId } = record;
  return {
    ports,
    cases,
    records,
    files,
    outbox,
    tasks,
    callbacks,
    caseId,
    record,
    /** POST /cases/{caseId}/records, as the handler calls it. */
    announce: async (request: RecordRequest) =>
      requestUpload((await cases.get(caseId))!, request, { records, files, settings }),
    /** The bucket's ObjectCreated event for a key. */
    arrived: (key: string) => recordUploaded(key, ports),
    /** The GatherRecords step, as the workflow runs it. */
    requestRecords: (taskToken = TOKEN) =>
      requestCallback(
        { caseId, ...RECORDS_REQUEST },
        { taskToken, timeoutSeconds: TIMEOUT },
        recordsPresenter,
        ports,
      ),
    /** GatherRecordsTimedOut. */
    timedOut: () => callbackTimedOut({ caseId, ...RECORDS_REQUEST }, recordsPresenter, ports),
    recordsCallbackId: callbackId(KEY, caseId, 'records', 'records', 1),
  };
}

type Setup = Awaited<ReturnType<typeof setup>>;

const pdfRequest = (type: RecordType, sizeBytes = FILES.pdf().length): RecordRequest => ({
  type,
  fileName: `${type}.pdf`,
  contentType: 'application/pdf',
  sizeBytes,
});

/** Announces a file, then the file arrives with these bytes (as announced or not). */
async function upload(s: Setup, request: RecordRequest, content: Uint8Array) {
  const grant = await s.announce(request);
  const { key } = s.files.puts.at(-1)!;
  s.files.store(key, content);
  return { grant, key, outcome: await s.arrived(key) };
}

/** A file posted from the upload page: no announcement, the key came with the form. */
async function pageUpload(s: Setup, type: RecordType, content: Uint8Array) {
  const recordId = randomUUID();
  const key = recordKey(s.caseId, type, recordId);
  s.files.store(key, content);
  return { key, recordId, outcome: await s.arrived(key) };
}

async function eventsOfType(s: Setup, type: string) {
  return (await s.cases.timeline(s.caseId)).filter((event) => event.type === type);
}

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
      fileName: 'pathology-report.pdf',
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
      recordId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      uploadUrl: s.files.puts[0]!.url,
      method: 'PUT',
      headers: { 'Content-Type': 'application/pdf', 'Content-Length': '1234' },
      expiresAt: expect.any(String),
    });
    const expiresAt = Date.parse(grant.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + UPLOAD_URL_SECONDS * 1000);
    expect(expiresAt).toBeLessThanOrEqual(after + UPLOAD_URL_SECONDS * 1000);
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

describe('recordUploaded', () => {
  it('counts a file that arrived as announced: received, kept, on the timeline', async () => {
    // Arrange
    const s = await setup();
    const content = FILES.pdf();

    // Act
    const { grant, key, outcome } = await upload(s, pdfRequest('pathology-report', content.length), content);

    // Assert
    expect(outcome).toBe('received');
    expect(await s.records.get(s.caseId, grant.recordId)).toMatchObject({
      status: 'received',
      receivedAt: expect.any(String),
    });
    expect(s.files.has(key)).toBe(true);
    expect(s.files.removed).toEqual([]);
    expect(await eventsOfType(s, 'record-received')).toEqual([
      expect.objectContaining({ detail: 'pathology-report', actor: 'concord' }),
    ]);
    const list = await recordChecklist(s.caseId, s.records);
    expect(list.items[0]).toEqual({ type: 'pathology-report', required: true, received: true });
  });

  it('counts a file smaller than announced', async () => {
    // Arrange
    const s = await setup();
    const content = FILES.pdf();

    // Act
    const { outcome } = await upload(s, pdfRequest('imaging', content.length + 100), content);

    // Assert
    expect(outcome).toBe('received');
  });

  it.each<[string, () => Buffer, RecordRequest['contentType']]>([
    ['a PNG', FILES.png, 'image/png'],
    ['a JPEG', FILES.jpeg, 'image/jpeg'],
    ['a zip of images', FILES.zip, 'application/zip'],
    ['a DICOM file', FILES.dicom, 'application/dicom'],
    ['plain text', FILES.text, 'text/plain'],
  ])('counts %s announced as such', async (_name, file, contentType) => {
    // Arrange
    const s = await setup();
    const content = file();

    // Act
    const { outcome } = await upload(
      s,
      { type: 'imaging', fileName: 'study', contentType, sizeBytes: content.length },
      content,
    );

    // Assert
    expect(outcome).toBe('received');
  });

  describe.each<[string, (s: Setup) => Promise<{ key: string; outcome: string }>, RegExp]>([
    [
      'a file larger than announced',
      (s) => upload(s, pdfRequest('imaging', 10), FILES.pdf()),
      /^The file \(\d+ bytes\) is larger than announced \(10 bytes\)$/,
    ],
    [
      'a file over the limit (announced within it)',
      (s) =>
        upload(
          s,
          pdfRequest('imaging', MAX_BYTES),
          Buffer.concat([FILES.pdf(), Buffer.alloc(MAX_BYTES, 0x20)]),
        ),
      new RegExp(`^The file is larger than the ${MAX_BYTES}-byte limit$`),
    ],
    [
      'a file over the limit (a page upload, nothing announced)',
      (s) => pageUpload(s, 'imaging', Buffer.concat([FILES.pdf(), Buffer.alloc(MAX_BYTES, 0x20)])),
      new RegExp(`^The file is larger than the ${MAX_BYTES}-byte limit$`),
    ],
    [
      'an executable announced as a PDF of its exact size',
      (s) => upload(s, pdfRequest('imaging', FILES.windowsExe().length), FILES.windowsExe()),
      /^Executable files are not accepted$/,
    ],
    [
      'a shell script announced as plain text',
      (s) =>
        upload(
          s,
          {
            type: 'imaging',
            fileName: 'notes.txt',
            contentType: 'text/plain',
            sizeBytes: FILES.script().length,
          },
          FILES.script(),
        ),
      /^Executable files are not accepted$/,
    ],
    [
      'a PNG announced as a PDF',
      (s) => upload(s, pdfRequest('imaging', FILES.png().length), FILES.png()),
      /^The file is image\/png, not application\/pdf as announced$/,
    ],
    [
      'binary junk (a page upload)',
      (s) => pageUpload(s, 'imaging', FILES.junk()),
      /^Only PDF, DICOM, JPEG, PNG, plain text or zip files are accepted$/,
    ],
  ])('refuses %s', (_name, act, reason) => {
    let s: Setup;
    let result: { key: string; outcome: string };

    beforeAll(async () => {
      s = await setup();
      result = await act(s);
    });

    it('answers refused and deletes the file', () => {
      expect(result.outcome).toBe('refused');
      expect(s.files.removed).toEqual([result.key]);
      expect(s.files.has(result.key)).toBe(false);
    });

    it('stores the reason on the record, and the checklist does not count it', async () => {
      const list = await recordChecklist(s.caseId, s.records);
      expect(list.records).toEqual([expect.objectContaining({ type: 'imaging', status: 'refused' })]);
      expect(list.records[0]!.refusedReason).toMatch(reason);
      expect(list.items.find((item) => item.type === 'imaging')).toMatchObject({ received: false });
      expect(list.missing).toContain('imaging');
    });

    it('puts a record-refused event with the type and reason on the timeline, and nothing received', async () => {
      const refused = await eventsOfType(s, 'record-refused');
      expect(refused).toHaveLength(1);
      expect(refused[0]!.detail).toMatch(/^imaging: /);
      expect(refused[0]!.detail!.slice('imaging: '.length)).toMatch(reason);
      expect(await eventsOfType(s, 'record-received')).toEqual([]);
    });
  });

  it('refuses an empty file, saying it is empty', async () => {
    // Arrange
    const s = await setup();

    // Act
    const { key, outcome } = await pageUpload(s, 'imaging', new Uint8Array());

    // Assert
    expect(outcome).toBe('refused');
    expect(s.files.has(key)).toBe(false);
    const [refused] = (await recordChecklist(s.caseId, s.records)).records;
    expect(refused!.refusedReason).toBe('The file is empty');
  });

  it('refuses an empty file (whatever the reason says) and does not count it', async () => {
    // Arrange
    const s = await setup();

    // Act
    const { key, outcome } = await pageUpload(s, 'imaging', new Uint8Array());

    // Assert
    expect(outcome).toBe('refused');
    expect(s.files.has(key)).toBe(false);
    const list = await recordChecklist(s.caseId, s.records);
    expect(list.records).toEqual([
      expect.objectContaining({ status: 'refused', refusedReason: expect.any(String) }),
    ]);
    expect(list.missing).toContain('imaging');
  });

  it('changes nothing on a replayed event for a received file', async () => {
    // Arrange
    const s = await setup();
    const { grant, key } = await upload(s, pdfRequest('lab-results'), FILES.pdf());
    const recordBefore = await s.records.get(s.caseId, grant.recordId);
    const timelineBefore = await s.cases.timeline(s.caseId);

    // Act
    const replay = await s.arrived(key);

    // Assert
    expect(replay).toBe('ignored');
    expect(await s.records.get(s.caseId, grant.recordId)).toEqual(recordBefore);
    expect(await s.cases.timeline(s.caseId)).toEqual(timelineBefore);
    expect(s.records.size()).toBe(1);
    expect(s.files.removed).toEqual([]);
  });

  it('refuses and removes a bad file that replaces a received one through the same URL', async () => {
    // Arrange
    const s = await setup();
    const { grant, key } = await upload(s, pdfRequest('other', 4096), FILES.pdf());

    // Act: the upload URL outlives its first use
    s.files.store(key, FILES.windowsExe());
    const outcome = await recordUploaded(key, s.ports);

    // Assert
    expect(outcome).toBe('refused');
    expect(s.files.has(key)).toBe(false);
    const record = await s.records.get(s.caseId, grant.recordId);
    expect(record).toMatchObject({ status: 'refused', refusedReason: 'Executable files are not accepted' });
  });

  it('keeps a received record when a versioned bucket drops the bad replacement version', async () => {
    // Arrange
    const s = await setup();
    const { grant, key } = await upload(s, pdfRequest('other', 4096), FILES.pdf());

    // Act
    s.files.store(key, FILES.elf());
    const outcome = await recordUploaded(key, s.ports, 'version-2');

    // Assert: the checked version is current again, so the record still counts
    expect(outcome).toBe('refused');
    expect((await s.records.get(s.caseId, grant.recordId))!.status).toBe('received');
    expect((await eventsOfType(s, 'record-refused')).map((e) => e.detail)).toEqual([
      'other: Executable files are not accepted',
    ]);
  });

  it('counts a good file uploaded again after a refusal', async () => {
    // Arrange
    const s = await setup();
    const { grant, key } = await upload(s, pdfRequest('lab-results', 4096), FILES.windowsExe());

    // Act
    s.files.store(key, FILES.pdf());
    const outcome = await recordUploaded(key, s.ports);

    // Assert
    expect(outcome).toBe('received');
    expect((await s.records.get(s.caseId, grant.recordId))!.status).toBe('received');
    expect(await eventsOfType(s, 'record-received')).toHaveLength(1);
  });

  it('changes nothing on a replayed event for a refused file', async () => {
    // Arrange
    const s = await setup();
    const { grant, key } = await upload(s, pdfRequest('lab-results', 10), FILES.pdf());
    const recordBefore = await s.records.get(s.caseId, grant.recordId);
    const timelineBefore = await s.cases.timeline(s.caseId);

    // Act
    const replay = await s.arrived(key);

    // Assert
    expect(replay).toBe('ignored');
    expect(await s.records.get(s.caseId, grant.recordId)).toEqual(recordBefore);
    expect(await s.cases.timeline(s.caseId)).toEqual(timelineBefore);
    expect(s.files.removed).toEqual([key]);
  });

  it('creates and receives the record of a page upload (nothing announced beforehand)', async () => {
    // Arrange
    const s = await setup();

    // Act
    const { recordId, key, outcome } = await pageUpload(s, 'treatment-plan', FILES.png());

    // Assert
    expect(outcome).toBe('received');
    expect(await s.records.get(s.caseId, recordId)).toEqual({
      recordId,
      caseId: s.caseId,
      type: 'treatment-plan',
      key,
      status: 'received',
      createdAt: expect.any(String),
      receivedAt: expect.any(String),
    });
    expect(await eventsOfType(s, 'record-received')).toEqual([
      expect.objectContaining({ detail: 'treatment-plan' }),
    ]);
  });

  it('ignores an object outside the records layout, storing nothing', async () => {
    // Arrange
    const s = await setup();
    s.files.store('exports/report.pdf', FILES.pdf());

    // Act
    const outcome = await s.arrived('exports/report.pdf');

    // Assert
    expect(outcome).toBe('ignored');
    expect(s.records.size()).toBe(0);
    expect(s.files.removed).toEqual([]);
  });
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
    const { s, progress } = await askedForTests([{ type: 'genetic-testing', description: 'Oncotype DX' }]);
    const waiting = await progress();
    await upload(s, pdfRequest('imaging'), FILES.pdf());
    const afterOther = await progress();
    await upload(s, pdfRequest('genetic-testing'), FILES.pdf());

    expect(waiting).toEqual({ details: ['The specialist asks for: genetic testing.'] });
    expect(afterOther.settled).toBeUndefined();
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
