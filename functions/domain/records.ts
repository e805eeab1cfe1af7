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

/** PDF, DICOM, JPEG, PNG, plain text, and zip for imaging studies. */
export const ALLOWED_CONTENT_TYPES = [
  'application/pdf',
  'application/dicom',
  'image/jpeg',
  'image/png',
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
  /** What the uploader announced (API uploads); page uploads announce only the type. */
  fileName?: string;
  contentType?: string;
  sizeBytes?: number;
  createdAt: string;
  receivedAt?: string;
  refusedReason?: string;
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

/** Object keys carry IDs and the record type only, never a file name. */
export const recordKey = (caseId: string, type: RecordType, recordId: string) =>
  `cases/${caseId}/records/${type}/${recordId}`;

export function parseRecordKey(
  key: string,
): { caseId: string; type: RecordType; recordId: string } | undefined {
  const match = /^cases\/([^/]+)\/records\/([a-z-]+)\/([A-Za-z0-9-]+)$/.exec(key);
  if (!match || !(RECORD_TYPES as readonly string[]).includes(match[2]!)) return undefined;
  return { caseId: match[1]!, type: match[2] as RecordType, recordId: match[3]! };
}

/**
 * What a file really is, from its first bytes: the uploader's Content-Type is not trusted. DICOM
 * files carry "DICM" at offset 128; text is accepted only when it is printable UTF-8.
 */
export function sniffContentType(head: Uint8Array): AllowedContentType | 'executable' | 'unknown' {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'application/zip';
  if (head.length >= 132 && String.fromCharCode(...head.subarray(128, 132)) === 'DICM')
    return 'application/dicom';
  if (
    starts(0x4d, 0x5a) ||
    starts(0x7f, 0x45, 0x4c, 0x46) ||
    starts(0x23, 0x21) ||
    starts(0xcf, 0xfa, 0xed, 0xfe)
  ) {
    return 'executable';
  }
  if (head.length > 0 && isPrintableText(head)) return 'text/plain';
  return 'unknown';
}

function isPrintableText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, Math.min(bytes.length, 512));
  // A multi-byte character may be cut at the sample's end: allow up to three bytes off.
  for (let cut = 0; cut <= Math.min(3, sample.length - 1); cut++) {
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, sample.length - cut));
      // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
      return !/[\x00-\x08\x0e-\x1f\x7f]/.test(text);
    } catch {
      if (sample.length < 512) return false;
    }
  }
  return false;
}

/** Checks an arrived file against what was requested: the reason to refuse it, or undefined. */
export function refusalReason(
  arrived: { sizeBytes: number; sniffed: ReturnType<typeof sniffContentType> },
  requested: { sizeBytes?: number; contentType?: string },
  maxBytes: number,
): string | undefined {
  if (arrived.sizeBytes === 0) return 'The file is empty';
  if (arrived.sniffed === 'executable') return 'Executable files are not accepted';
  if (arrived.sniffed === 'unknown')
    return 'Only PDF, DICOM, JPEG, PNG, plain text or zip files are accepted';
  if (arrived.sizeBytes > maxBytes) return `The file is larger than the ${maxBytes}-byte limit`;
  if (requested.sizeBytes !== undefined && arrived.sizeBytes > requested.sizeBytes) {
    return `The file (${arrived.sizeBytes} bytes) is larger than announced (${requested.sizeBytes} bytes)`;
  }
  if (requested.contentType !== undefined && requested.contentType !== arrived.sniffed) {
    return `The file is ${arrived.sniffed}, not ${requested.contentType} as announced`;
  }
  return undefined;
}
