import type { MalwareScan } from './record-checks/malware-scan.js';
import type { RecordKind, RefusalCode } from './record-checks/verdict.js';

/** Medical records: what a second opinion needs, what may be uploaded, and what has arrived. */
export const RECORD_TYPES = [
  'pathology-report',
  'imaging',
  'lab-results',
  'treatment-plan',
  'physician-notes',
  'genetic-testing',
  'medication-list',
  'discharge-summary',
  'prior-treatments',
  'other',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

const TYPE_LABELS: Partial<Record<RecordType, string>> = {
  'treatment-plan': 'current treatment plan',
  'lab-results': 'lab results',
};

/** How a record type reads in an email: "pathology report", "current treatment plan". */
export function recordTypeLabel(type: string): string {
  return TYPE_LABELS[type as RecordType] ?? type.replace(/-/g, ' ');
}

/** Required before matching (API.md). */
export const REQUIRED_RECORD_TYPES: readonly RecordType[] = [
  'pathology-report',
  'imaging',
  'lab-results',
  'treatment-plan',
  'physician-notes',
];

/**
 * What an uploader may announce: PDF, DICOM, JPEG, PNG, TIFF, plain text, and zip for imaging studies. The
 * announcement binds the upload URL; what the file is, and how it is offered for download, its content says.
 */
export const ALLOWED_CONTENT_TYPES = [
  'application/pdf',
  'application/dicom',
  'image/jpeg',
  'image/png',
  'image/tiff',
  'text/plain',
  'application/zip',
] as const;
export type AllowedContentType = (typeof ALLOWED_CONTENT_TYPES)[number];

export type RecordStatus = 'requested' | 'received' | 'refused';

export interface MedicalRecord {
  recordId: string;
  caseId: string;
  type: RecordType;
  key: string;
  status: RecordStatus;
  /**
   * The announced file name made safe to show (record-checks/display-name.ts), the only form of it kept:
   * the raw name is never stored. API uploads announce a name; page uploads do not.
   */
  displayName?: string;
  /** What the uploader announced (API uploads): the upload URL is bound to them. */
  contentType?: string;
  sizeBytes?: number;
  createdAt: string;
  /** When the record was judged, received or refused. */
  receivedAt?: string;
  /** What its content is (the sniffed kind), once received: it names and types the download. */
  kind?: RecordKind;
  /** A refusal's stable code, its sentence for the uploader, and the ZIP member it concerns. */
  refusedCode?: RefusalCode;
  refusedReason?: string;
  refusedMember?: string;
}

/** How a record was judged: received (with its kind) or refused (with its code, reason and member). */
export type RecordOutcome = Pick<
  MedicalRecord,
  'status' | 'receivedAt' | 'kind' | 'refusedCode' | 'refusedReason' | 'refusedMember'
>;

/** An object that arrived in the records bucket, with what the malware scan said of it. */
export interface UploadedObject {
  key: string;
  /** The version the event names, when the bucket keeps versions. */
  versionId?: string;
  scan: MalwareScan;
}

export interface ChecklistEntry {
  type: RecordType;
  required: boolean;
  received: boolean;
}

export interface Checklist {
  complete: boolean;
  missing: RecordType[];
  items: ChecklistEntry[];
}

export function checklist(records: readonly MedicalRecord[]): Checklist {
  const received = new Set(records.filter((r) => r.status === 'received').map((r) => r.type));
  const items = RECORD_TYPES.map((type) => ({
    type,
    required: REQUIRED_RECORD_TYPES.includes(type),
    received: received.has(type),
  }));
  const missing = REQUIRED_RECORD_TYPES.filter((type) => !received.has(type));
  return { complete: missing.length === 0, missing, items };
}
