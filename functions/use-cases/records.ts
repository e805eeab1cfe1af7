import { randomUUID } from 'node:crypto';
import type { CallbackRecord } from '../domain/callback.js';
import { isFinished, type CaseRecord } from '../domain/case.js';
import type { RecordFiles, RecordStore } from '../domain/ports.js';
import {
  checklist,
  parseRecordKey,
  recordTypeLabel,
  recordKey,
  refusalReason,
  sniffContentType,
  type MedicalRecord,
} from '../domain/records.js';
import type { RecordRequest } from '../schemas/records.js';
import { CaseNotFoundError, ConflictError, ValidationError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { recordsNeededEmail } from '../views/emails/uploader.js';
import type { ChecklistView } from '../views/upload-page.js';
import { settleIfDone, type CallbackPorts, type CallbackPresenter, type CallbackRef } from './callbacks.js';
import { callbackId } from '../domain/signed-link.js';
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

/** POST /cases/{caseId}/records: stores what is announced and returns a PUT URL bound to it. */
export async function requestUpload(
  record: CaseRecord,
  request: RecordRequest,
  ports: { records: RecordStore; files: RecordFiles; settings: RecordSettings },
): Promise<UploadGrant> {
  if (isFinished(record.status))
    throw new ConflictError(`Case ${record.caseId} is ${record.status}: it takes no more records`);
  const { recordMaxBytes, uploadUrlSeconds } = ports.settings;
  if (request.sizeBytes > recordMaxBytes) {
    throw new ValidationError('The record is invalid', [
      { path: 'sizeBytes', message: `Must be at most ${recordMaxBytes} bytes` },
    ]);
  }
  const recordId = randomUUID();
  const key = recordKey(record.caseId, request.type, recordId);
  await ports.records.put({
    recordId,
    caseId: record.caseId,
    type: request.type,
    key,
    status: 'requested',
    fileName: request.fileName,
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
    records: all.map(({ recordId, type, status, fileName, refusedReason }) => ({
      recordId,
      type,
      status,
      ...(fileName ? { fileName } : {}),
      ...(refusedReason ? { refusedReason } : {}),
    })),
  };
}

/**
 * An object arrived in the records bucket: check what it really is against what was announced
 * (the emulator, like a presigned URL's holder, can send anything), then count it or refuse it.
 * Completing the checklist answers the waiting records request.
 */
export async function recordUploaded(
  key: string,
  ports: CallbackPorts & { files: RecordFiles; settings: RecordSettings & CallbackPorts['settings'] },
  versionId?: string,
): Promise<'received' | 'refused' | 'ignored'> {
  const parsed = parseRecordKey(key);
  if (!parsed) {
    logger.warn('Ignoring an object outside the records layout');
    return 'ignored';
  }
  const { caseId, type, recordId } = parsed;
  // Independent reads together: the record, the case (its steps, so recording one needs no read) and the
  // object itself.
  const [announced, caseRecord, object] = await Promise.all([
    ports.records.get(caseId, recordId),
    ports.cases.get(caseId),
    ports.files.inspect(key),
  ]);
  const record = announced ?? (await startRecord({ recordId, caseId, type, key }, ports.records));
  if (!record || !object) return 'ignored';
  const reason = refusalReason(
    { sizeBytes: object.sizeBytes, sniffed: sniffContentType(object.head) },
    record,
    ports.settings.recordMaxBytes,
  );
  // A record received whose step is not on the case: a run that stopped after settling it (the
  // notification comes again). This run finishes that one's work.
  const firstStep = `record:${recordId}`;
  const unfinished =
    record.status === 'received' && caseRecord !== undefined && caseRecord.steps[firstStep] === undefined;
  // A later object at a settled record's key is a replacement (an upload URL outlives its first
  // use) or a replayed notification: it is checked like the first, so nothing unchecked counts.
  const step =
    record.status === 'requested' || unfinished ? firstStep : `${firstStep}:${versionId ?? 'replaced'}`;
  if (reason) {
    // On a versioned bucket, removing this version brings back the one already checked.
    const checkedRemains = record.status === 'received' && versionId !== undefined;
    // Settled before the object goes: a retry finds no object, so it must find the record refused.
    if (!checkedRemains) {
      await ports.records.settle(
        caseId,
        recordId,
        { status: 'refused', refusedReason: reason },
        record.status,
      );
    }
    await ports.files.remove(key, versionId);
    await ports.cases.recordStep(
      caseId,
      step,
      {},
      { type: 'record-refused', detail: `${type}: ${reason}`, actor: 'concord' },
      caseRecord,
    );
    return 'refused';
  }
  if (record.status === 'received' && !unfinished) {
    // The notification again (S3 retries one whose run failed): that run may have stopped after the
    // record's step, before answering the waiting requests; settling what is still pending is safe to repeat.
    if (caseRecord) await settleDone(await pendingRecordsRequests(caseId, ports), caseRecord, ports);
    return 'ignored';
  }
  if (record.status !== 'received') {
    await ports.records.settle(
      caseId,
      recordId,
      { status: 'received', receivedAt: new Date().toISOString() },
      record.status,
    );
  }
  // The waiting requests are read after the record is settled (so a request created meanwhile either
  // is seen here or sees the record), alongside the step's writes.
  const [, pending] = await Promise.all([
    ports.cases.recordStep(
      caseId,
      step,
      {},
      { type: 'record-received', detail: type, actor: 'concord' },
      caseRecord,
    ),
    pendingRecordsRequests(caseId, ports),
  ]);
  // Recording the step found the case (or threw CaseNotFoundError).
  if (!caseRecord) throw new CaseNotFoundError(caseId);
  await settleDone(pending, caseRecord, ports);
  return 'received';
}

async function settleDone(pending: CallbackRecord[], caseRecord: CaseRecord, ports: CallbackPorts) {
  for (const callback of pending) await settleIfDone(callback, caseRecord, recordsPresenter, ports);
}

/** Page uploads announce nothing beforehand: their record starts here (unless a concurrent run started it). */
async function startRecord(
  found: Pick<MedicalRecord, 'recordId' | 'caseId' | 'type' | 'key'>,
  records: RecordStore,
): Promise<MedicalRecord | undefined> {
  const record: MedicalRecord = { ...found, status: 'requested', createdAt: new Date().toISOString() };
  return (await records.put(record)) ? record : records.get(found.caseId, found.recordId);
}

/** The purpose of a records request for the tests a specialist asked for (its round is their attempt). */
export const MORE_TESTS = 'more-tests';

/** What a specialist asking for more tests without naming them waits for. */
export const FURTHER_RESULTS = 'the results of the further tests the specialist describes';

/**
 * The tests a specialist asked for in this attempt, and whether a record of each type has arrived since. A
 * specialist who named none (API.md's opinion has no list) waits for any record that arrives after.
 */
async function testsAskedFor(
  ports: Pick<CallbackPorts, 'assignments' | 'records'>,
  ref: Pick<CallbackRef, 'caseId' | 'round'>,
): Promise<Array<{ label: string; received: boolean }>> {
  const [assignment, records] = await Promise.all([
    ports.assignments.get(ref.caseId, ref.round),
    ports.records.list(ref.caseId),
  ]);
  const since = assignment?.submittedAt ?? '';
  const arrived = new Set(
    records.filter((r) => r.status === 'received' && (r.receivedAt ?? '') >= since).map((r) => r.type),
  );
  const named = assignment?.submission?.testsNeeded;
  if (!named) return [{ label: FURTHER_RESULTS, received: arrived.size > 0 }];
  return named.map((t) => ({ label: recordTypeLabel(t.type), received: arrived.has(t.type) }));
}

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
            : [`The specialist asks for: ${missing.map((t) => t.label).join(', ')}.`],
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

/**
 * The records requests of the case still waiting: the case's own, and one per specialist waiting for
 * tests. When the checklist completes (or the tests arrive), each is answered without a human.
 */
async function pendingRecordsRequests(caseId: string, ports: CallbackPorts): Promise<CallbackRecord[]> {
  const identity = await identityKey(ports.secrets);
  const get = ({ kind, purpose, round }: Pick<CallbackRecord, 'kind' | 'purpose' | 'round'>) =>
    ports.callbacks.get(callbackId(identity, caseId, kind, purpose, round));
  const [assignments, first] = await Promise.all([ports.assignments.list(caseId), get(RECORDS_REQUEST)]);
  const waitingForTests = assignments.filter(
    (a) => a.submission?.diagnosisAssessment === 'more-tests-needed' && a.status !== 'released',
  );
  const forTests = await Promise.all(
    waitingForTests.map((a) => get({ kind: 'records', purpose: MORE_TESTS, round: a.attempt })),
  );
  return [first, ...forTests].filter((callback) => callback?.status === 'pending') as CallbackRecord[];
}
