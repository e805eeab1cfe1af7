import type { TimelineEvent } from './case.js';

/**
 * The timeline events a patient or physician sees (issue 20 §6, issue 23): what happened to their request,
 * never who on the staff did it, their comments, or why a step failed. Everything else (approvals, proposals,
 * assignments, needs-attention) stays on the coordinator's side.
 */
export const PATIENT_EVENTS = [
  'case-received',
  'case-confirmed',
  'coverage-decided',
  'prior-authorization-requested',
  'prior-authorization-decided',
  'records-requested',
  'record-received',
  'record-refused',
  'records-decided',
  'assignment-accepted',
  'opinion-received',
  'opinions-compared',
  'claim-notice-sent',
  'receipt-sent',
  'report-ready',
  'case-completed',
  'case-closed',
] as const;
export type PatientEvent = (typeof PATIENT_EVENTS)[number];

const isPatientEvent = (type: string): type is PatientEvent =>
  (PATIENT_EVENTS as readonly string[]).includes(type);

/** The patient-facing events of a timeline, with their time and kind only. */
export function patientEvents(timeline: readonly TimelineEvent[]): Array<{ at: string; type: PatientEvent }> {
  return timeline.flatMap(({ at, type }) => (isPatientEvent(type) ? [{ at, type }] : []));
}
