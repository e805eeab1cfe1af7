import type { CallbackRecord } from '../domain/callback.js';
import type { CaseRecord } from '../domain/case.js';
import type { ByteSource, RecordFiles } from '../domain/ports.js';
import { checkRecord } from '../domain/record-checks/check-record.js';
import { DEFAULT_LIMITS } from '../domain/record-checks/limits.js';
import { judgeScan, type MalwareScanPolicy } from '../domain/record-checks/malware-scan.js';
import { refuse, type Refused, type Verdict } from '../domain/record-checks/verdict.js';
import { isIssuedRecordId, parseRecordKey, RECORDS_PREFIX, recordIdKey } from '../domain/record-keys.js';
import type { MedicalRecord, RecordOutcome, UploadedObject } from '../domain/records.js';
import { callbackId } from '../domain/signed-link.js';
import { CaseNotFoundError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { settleIfDone, type CallbackPorts } from './callbacks.js';
import { MORE_TESTS, RECORDS_REQUEST, recordsPresenter } from './records.js';

export interface RecordCheckSettings {
  recordMaxBytes: number;
  malwareScan: MalwareScanPolicy;
}

export type RecordUploadPorts = CallbackPorts & {
  files: RecordFiles;
  settings: CallbackPorts['settings'] & RecordCheckSettings;
};

export type UploadOutcome = 'received' | 'refused' | 'ignored' | 'deleted' | 'awaiting-scan';

/**
 * An object arrived in the records bucket (or its malware scan finished): check that Concord issued its
 * record id, what the scan said, and what the file really is (its bytes decide, never its name or what was
 * announced), then count it or refuse it. Completing the checklist answers the waiting records request.
 */
export async function recordUploaded(
  object: UploadedObject,
  ports: RecordUploadPorts,
): Promise<UploadOutcome> {
  const { key, versionId } = object;
  if (!key.startsWith(RECORDS_PREFIX)) {
    logger.warn('Ignoring an object outside the records key space');
    return 'ignored';
  }
  const parts = parseRecordKey(key);
  if (!parts || !isIssuedRecordId(recordIdKey(await ports.secrets.signingKey()), parts)) {
    // Only an announcement or the records page names a record id: an object under any other key is no
    // record's, whoever put it there. Its key is logged only when it is made of ids.
    await ports.files.remove(key, versionId);
    logger.warn(
      'Deleted an object whose record id Concord did not issue',
      parts ? { caseId: parts.caseId, recordId: parts.recordId } : {},
    );
    return 'deleted';
  }
  const { caseId, type, recordId } = parts;
  const scan = judgeScan(object.scan, ports.settings.malwareScan);
  if (scan === 'await-scan') {
    // The scan's own event brings the object back once it has a verdict.
    logger.info('Waiting for the malware scan', { caseId, recordId });
    return 'awaiting-scan';
  }
  // Independent reads together: the record, the case (its steps, so recording one needs no read) and the
  // object itself (gone: a replay of an event already handled, or a version already replaced).
  const [announced, caseRecord, source] = await Promise.all([
    ports.records.get(caseId, recordId),
    ports.cases.get(caseId),
    ports.files.open(key, versionId),
  ]);
  const record = announced ?? (await startRecord({ recordId, caseId, type, key }, ports.records));
  if (!record || !source) return 'ignored';
  const verdict = scan === 'check' ? await checkUpload(source, record, ports.settings) : scan;
  // A record received whose step is not on the case: a run that stopped after settling it (the
  // notification comes again). This run finishes that one's work.
  const firstStep = `record:${recordId}`;
  const unfinished =
    record.status === 'received' && caseRecord !== undefined && caseRecord.steps[firstStep] === undefined;
  // A later object at a settled record's key is a replacement (an upload URL outlives its first
  // use) or a replayed notification: it is checked like the first, so nothing unchecked counts.
  const step =
    record.status === 'requested' || unfinished ? firstStep : `${firstStep}:${versionId ?? 'replaced'}`;
  if (!verdict.accepted) {
    // On a versioned bucket, removing this version brings back the one already checked.
    const checkedRemains = record.status === 'received' && versionId !== undefined;
    // Settled before the object goes: a retry finds no object, so it must find the record refused.
    if (!checkedRemains) await ports.records.settle(caseId, recordId, refusal(verdict), record.status);
    await ports.files.remove(key, versionId);
    // The timeline, which the case's token holder reads, carries the code only.
    await ports.cases.recordStep(
      caseId,
      step,
      {},
      { type: 'record-refused', detail: `${type}: ${verdict.code}`, actor: 'concord' },
      caseRecord,
    );
    // A scan that could not judge is the operators' to look into; the rest is the uploader's to fix.
    const log = verdict.code.startsWith('scan-') ? logger.warn : logger.info;
    log.call(logger, 'Record refused', { caseId, recordId, code: verdict.code, scan: object.scan });
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
      { status: 'received', receivedAt: new Date().toISOString(), kind: verdict.kind },
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

/** The structural checks, within the configured size, and no larger than the URL was signed for. */
async function checkUpload(
  source: ByteSource,
  announced: Pick<MedicalRecord, 'sizeBytes'>,
  settings: RecordCheckSettings,
): Promise<Verdict> {
  // S3 refuses a PUT longer than its URL was signed for; an emulator may not.
  if (announced.sizeBytes !== undefined && source.size > announced.sizeBytes) {
    return refuse('larger-than-announced');
  }
  return checkRecord(source, { ...DEFAULT_LIMITS, maxBytes: settings.recordMaxBytes });
}

const refusal = ({ code, reason, member }: Refused): RecordOutcome => ({
  status: 'refused',
  refusedCode: code,
  refusedReason: reason,
  ...(member ? { refusedMember: member } : {}),
});

async function settleDone(pending: CallbackRecord[], caseRecord: CaseRecord, ports: CallbackPorts) {
  for (const callback of pending) await settleIfDone(callback, caseRecord, recordsPresenter, ports);
}

/** Page uploads announce nothing beforehand: their record starts here (unless a concurrent run started it). */
async function startRecord(
  found: Pick<MedicalRecord, 'recordId' | 'caseId' | 'type' | 'key'>,
  records: CallbackPorts['records'],
): Promise<MedicalRecord | undefined> {
  const record: MedicalRecord = { ...found, status: 'requested', createdAt: new Date().toISOString() };
  return (await records.put(record)) ? record : records.get(found.caseId, found.recordId);
}

/**
 * The records requests of the case still waiting: the case's own, and one per specialist waiting for
 * tests. When the checklist completes (or the tests arrive), each is answered without a human.
 */
async function pendingRecordsRequests(caseId: string, ports: CallbackPorts): Promise<CallbackRecord[]> {
  const key = await ports.secrets.signingKey();
  const get = ({ kind, purpose, round }: Pick<CallbackRecord, 'kind' | 'purpose' | 'round'>) =>
    ports.callbacks.get(callbackId(key, caseId, kind, purpose, round));
  const [assignments, first] = await Promise.all([ports.assignments.list(caseId), get(RECORDS_REQUEST)]);
  const waitingForTests = assignments.filter(
    (a) => a.submission?.diagnosisAssessment === 'more-tests-needed' && a.status !== 'released',
  );
  const forTests = await Promise.all(
    waitingForTests.map((a) => get({ kind: 'records', purpose: MORE_TESTS, round: a.attempt })),
  );
  return [first, ...forTests].filter((callback) => callback?.status === 'pending') as CallbackRecord[];
}
