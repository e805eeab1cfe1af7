import { randomUUID } from 'node:crypto';
import type { CaseRecord } from '../../functions/domain/case.js';
import type { MalwareScan, MalwareScanPolicy } from '../../functions/domain/record-checks/malware-scan.js';
import { issueRecordId, recordIdKey, recordKey } from '../../functions/domain/record-keys.js';
import type { RecordType } from '../../functions/domain/records.js';
import { callbackId } from '../../functions/domain/signed-link.js';
import type { RecordRequest } from '../../functions/schemas/records.js';
import {
  callbackTimedOut,
  requestCallback,
  type CallbackPorts,
} from '../../functions/use-cases/callbacks.js';
import { recordUploaded, type RecordCheckSettings } from '../../functions/use-cases/record-uploaded.js';
import {
  RECORDS_REQUEST,
  recordsPresenter,
  requestUpload,
  type RecordSettings,
} from '../../functions/use-cases/records.js';
import { caseRecord, payer } from './case-records.js';
import { FILES } from './files.js';
import { MemoryAssignmentStore, MemoryCapacityLedger } from './fakes/memory-assignments.js';
import { MemoryCallbackStore, RecordingTaskCallbacks } from './fakes/memory-callbacks.js';
import { FixedSecrets, MemoryCaseStore, MemoryDirectory, MemoryOutbox } from './fakes/memory-ports.js';
import { MemoryRecordFiles, MemoryRecordStore } from './fakes/memory-records.js';

/**
 * A case gathering records, on in-memory ports: announcing records (POST /cases/{id}/records), files arriving
 * in the bucket (record-uploaded), and the records request the workflow makes and times out.
 */

export const RECORDS_KEY = Buffer.from('records-unit-test-key-0123456789abcdef', 'utf8');
export const PUBLIC_URL = 'https://concord.example';
export const PHYSICIAN = 'lee@clinic.example';
export const MAX_BYTES = 256 * 1024;
export const UPLOAD_URL_SECONDS = 900;
export const RECORDS_TIMEOUT = 3600;
export const TOKEN = 'AAAAKGV4ZWN1dGlvbi0xLXJlY29yZHMtdGFzay10b2tlbg-records-token';

export interface SetupOptions {
  change?: (record: CaseRecord) => CaseRecord;
  malwareScan?: MalwareScanPolicy;
}

export async function setupRecordsCase({
  change = (record) => record,
  malwareScan = 'off',
}: SetupOptions = {}) {
  const cases = new MemoryCaseStore();
  const record = change(caseRecord(payer('acme-health'), { caseId: randomUUID() }));
  await cases.create(record, { type: 'case-received' });
  const records = new MemoryRecordStore();
  const files = new MemoryRecordFiles();
  const outbox = new MemoryOutbox();
  const tasks = new RecordingTaskCallbacks();
  const callbacks = new MemoryCallbackStore();
  const secrets = new FixedSecrets(RECORDS_KEY);
  const settings: CallbackPorts['settings'] & RecordSettings & RecordCheckSettings = {
    publicUrl: PUBLIC_URL,
    coordinatorEmail: 'coordinator@concord.local',
    approvalReminders: 2,
    recordsReminders: 2,
    opinionReminders: 1,
    recordMaxBytes: MAX_BYTES,
    uploadUrlSeconds: UPLOAD_URL_SECONDS,
    malwareScan,
  };
  const ports = {
    cases,
    callbacks,
    outbox,
    tasks,
    secrets,
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
      requestUpload((await cases.get(caseId))!, request, { records, files, secrets, settings }),
    /** The bucket's event for a key: an S3 notification (no scan), or a scan's result. */
    arrived: (key: string, event: { scan?: MalwareScan; versionId?: string } = {}) =>
      recordUploaded(
        {
          key,
          scan: event.scan ?? 'not-scanned',
          ...(event.versionId ? { versionId: event.versionId } : {}),
        },
        ports,
      ),
    /** A key the records page's form for `type` would carry. */
    pageKey: (type: RecordType) =>
      recordKey(caseId, type, issueRecordId(recordIdKey(RECORDS_KEY), caseId, type)),
    /** The GatherRecords step, as the workflow runs it. */
    requestRecords: (taskToken = TOKEN) =>
      requestCallback(
        { caseId, ...RECORDS_REQUEST },
        { taskToken, timeoutSeconds: RECORDS_TIMEOUT },
        recordsPresenter,
        ports,
      ),
    /** GatherRecordsTimedOut. */
    timedOut: () => callbackTimedOut({ caseId, ...RECORDS_REQUEST }, recordsPresenter, ports),
    recordsCallbackId: callbackId(RECORDS_KEY, caseId, 'records', 'records', 1),
  };
}

export type RecordsCase = Awaited<ReturnType<typeof setupRecordsCase>>;

export const pdfRequest = (type: RecordType, sizeBytes = FILES.pdf().length): RecordRequest => ({
  type,
  fileName: `${type}.pdf`,
  contentType: 'application/pdf',
  sizeBytes,
});

/** Announces a file, then the file arrives with these bytes (as announced or not). */
export async function upload(s: RecordsCase, request: RecordRequest, content: Uint8Array) {
  const grant = await s.announce(request);
  const { key } = s.files.puts.at(-1)!;
  s.files.store(key, content);
  return { grant, key, outcome: await s.arrived(key) };
}

/** A file posted from the upload page: no announcement, the key came with the form. */
export async function pageUpload(s: RecordsCase, type: RecordType, content: Uint8Array) {
  const key = s.pageKey(type);
  s.files.store(key, content);
  return { key, recordId: key.split('/').at(-1)!, outcome: await s.arrived(key) };
}

export async function eventsOfType(s: RecordsCase, type: string) {
  return (await s.cases.timeline(s.caseId)).filter((event) => event.type === type);
}
