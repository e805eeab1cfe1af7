import { REFUSAL_REASONS, activeContentReason, memberReason, type ActiveFeature } from './reasons.js';

export type { ActiveFeature };

/**
 * What a medical record may be, and how it is offered for download: the type and extension come from the
 * sniffed content only, never from what the uploader announced or named the file.
 */
export const RECORD_KINDS = {
  pdf: { mime: 'application/pdf', extension: 'pdf' },
  dicom: { mime: 'application/dicom', extension: 'dcm' },
  jpeg: { mime: 'image/jpeg', extension: 'jpg' },
  png: { mime: 'image/png', extension: 'png' },
  tiff: { mime: 'image/tiff', extension: 'tif' },
  // Checked to be UTF-8: saying so keeps a browser from guessing another charset.
  text: { mime: 'text/plain; charset=utf-8', extension: 'txt' },
  zip: { mime: 'application/zip', extension: 'zip' },
} as const;
export type RecordKind = keyof typeof RECORD_KINDS;

export type RefusalCode = keyof typeof REFUSAL_REASONS;

export interface Accepted {
  accepted: true;
  kind: RecordKind;
  mime: string;
  extension: string;
}

export interface Refused {
  accepted: false;
  /** A stable id for the refusal, for programs and message catalogs. */
  code: RefusalCode;
  /** A plain sentence the uploader understands. */
  reason: string;
  feature?: ActiveFeature;
  /** Inside a ZIP: the refused member's name, made safe to show (display-name.ts). */
  member?: string;
}

export type Verdict = Accepted | Refused;

export function accept(kind: RecordKind): Accepted {
  return { accepted: true, kind, ...RECORD_KINDS[kind] };
}

export function refuse(code: RefusalCode): Refused {
  return { accepted: false, code, reason: REFUSAL_REASONS[code] };
}

export function refuseActiveContent(feature: ActiveFeature): Refused {
  return { accepted: false, code: 'pdf-active-content', reason: activeContentReason(feature), feature };
}

/** A ZIP member's own refusal, said of the member. */
export function refuseMember(refusal: Refused, member: string): Refused {
  return { ...refusal, reason: memberReason(member, refusal.reason), member };
}
