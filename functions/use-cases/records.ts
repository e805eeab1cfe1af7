import { isFinished, type CaseRecord } from '../domain/case.js';
import type { RecordFiles, RecordStore, Secrets } from '../domain/ports.js';
import { displayName } from '../domain/record-checks/display-name.js';
import { issueRecordId, recordIdKey, recordKey } from '../domain/record-keys.js';
import { checklist, recordTypeLabel, type RecordType } from '../domain/records.js';
import type { RecordRequest } from '../schemas/records.js';
import { ConflictError, ValidationError } from '../shared/errors.js';
import { recordsNeededEmail } from '../views/emails/uploader.js';
import type { ChecklistView } from '../views/upload-page.js';
import type { CallbackPorts, CallbackPresenter, CallbackRef } from './callbacks.js';
import { identityKey } from './link-signatures.js';

export interface RecordSettings {
  recordMaxBytes: number;
  uploadUrlSeconds: number;
}

export interface UploadGrant {
  recordId: string;
  uploadUrl: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: string;
}

/**
 * POST /cases/{caseId}/records: stores what is announced and returns a PUT URL bound to it, under a record id
 * Concord issued. The file name is kept only as it may be shown (`displayName`), never as typed.
 */
export async function requestUpload(
  record: CaseRecord,
  request: RecordRequest,
  ports: { records: RecordStore; files: RecordFiles; secrets: Secrets; settings: RecordSettings },
): Promise<UploadGrant> {
  if (isFinished(record.status))
    throw new ConflictError(`Case ${record.caseId} is ${record.status}: it takes no more records`);
  const { recordMaxBytes, uploadUrlSeconds } = ports.settings;
  if (request.sizeBytes > recordMaxBytes) {
    throw new ValidationError('The record is invalid', [
      { path: 'sizeBytes', message: `Must be at most ${recordMaxBytes} bytes` },
    ]);
  }
  const recordId = issueRecordId(recordIdKey(await identityKey(ports.secrets)), record.caseId, request.type);
  const key = recordKey(record.caseId, request.type, recordId);
  const shown = displayName(request.fileName);
  await ports.records.put({
    recordId,
    caseId: record.caseId,
    type: request.type,
    key,
    status: 'requested',
    ...(shown ? { displayName: shown } : {}),
    contentType: request.contentType,
    sizeBytes: request.sizeBytes,
    createdAt: new Date().toISOString(),
  });
  const uploadUrl = await ports.files.presignPut(
    key,
    request.contentType,
    request.sizeBytes,
    uploadUrlSeconds,
  );
  return {
    recordId,
    uploadUrl,
    method: 'PUT',
    headers: { 'Content-Type': request.contentType, 'Content-Length': String(request.sizeBytes) },
    expiresAt: new Date(Date.now() + uploadUrlSeconds * 1000).toISOString(),
  };
}

export async function recordChecklist(caseId: string, records: RecordStore): Promise<ChecklistView> {
  const all = await records.list(caseId);
  return {
    caseId,
    ...checklist(all),
    records: all.map(({ recordId, type, status, displayName, refusedCode, refusedReason }) => ({
      recordId,
      type,
      status,
      // The announced name as it may be shown; the name as typed is not kept.
      ...(displayName ? { fileName: displayName } : {}),
      ...(refusedCode ? { refusedCode } : {}),
      ...(refusedReason ? { refusedReason } : {}),
    })),
  };
}

/** The purpose of a records request for the tests a specialist asked for (its round is their attempt). */
export const MORE_TESTS = 'more-tests';

/** What a specialist asking for more tests without naming them waits for. */
export const FURTHER_RESULTS = 'the results of the further tests the specialist describes';

/** A test a specialist asked for: its record type and their words (none: results of any kind), and whether it came. */
export interface TestAskedFor {
  type?: RecordType;
  description?: string;
  received: boolean;
}

/**
 * The tests a specialist asked for in this attempt, and whether a record of each type has arrived since. A
 * specialist who named none (API.md's opinion has no list) waits for any record that arrives after.
 */
export async function testsAskedFor(
  ports: Pick<CallbackPorts, 'assignments' | 'records'>,
  ref: Pick<CallbackRef, 'caseId' | 'round'>,
): Promise<TestAskedFor[]> {
  const [assignment, records] = await Promise.all([
    ports.assignments.get(ref.caseId, ref.round),
    ports.records.list(ref.caseId),
  ]);
  const since = assignment?.submittedAt ?? '';
  const arrived = new Set(
    records.filter((r) => r.status === 'received' && (r.receivedAt ?? '') >= since).map((r) => r.type),
  );
  const named = assignment?.submission?.testsNeeded;
  if (!named) return [{ received: arrived.size > 0 }];
  return named.map((t) => ({ type: t.type, description: t.description, received: arrived.has(t.type) }));
}

/** A test as the physician's email names it: "lab results (CA-125 level)". */
const testLabel = (test: TestAskedFor) =>
  test.type ? `${recordTypeLabel(test.type)} (${test.description})` : FURTHER_RESULTS;

/** Records requests go to the referring physician, or to the patient when there is none. */
export const recordsPresenter: CallbackPresenter = {
  async recipient(caseRead) {
    const { intake } = await caseRead;
    return intake.referringPhysician?.email ?? intake.patient.email;
  },
  reminders: (settings) => settings.recordsReminders,
  waitingStatus: 'gathering-records',
  async progress(record, ports, ref) {
    if (ref.purpose === MORE_TESTS) {
      const tests = await testsAskedFor(ports, ref);
      const missing = tests.filter((t) => !t.received);
      return {
        details:
          missing.length === 0
            ? ['Every test the specialist asked for has arrived.']
            : [`The specialist asks for: ${missing.map(testLabel).join('; ')}.`],
        ...(missing.length === 0 ? { settled: { decision: 'complete' } } : {}),
      };
    }
    const { missing, complete } = checklist(await ports.records.list(record.caseId));
    return {
      details:
        missing.length === 0
          ? ['Every required record has arrived.']
          : [`Still missing: ${missing.map(recordTypeLabel).join(', ')}.`],
      ...(complete ? { settled: { decision: 'complete' } } : {}),
    };
  },
  requestEmail: (to, ref, link, reminder, details = []) =>
    recordsNeededEmail(to, ref.caseId, ref.purpose === MORE_TESTS, link, reminder, details),
};

/** The one records request of a case (the workflow asks once; reminders reuse it). */
export const RECORDS_REQUEST = { kind: 'records', purpose: 'records', round: 1 } as const;
