/** The console's words for codes: plain English a coordinator reads at a glance. */
import type { CaseStatus } from '../../domain/case.js';
import type { WaitingOn } from '../../domain/waiting-on.js';

export const STATUS_WORDS: Readonly<Record<CaseStatus, string>> = {
  'awaiting-confirmation': 'Waiting for the submitter to confirm',
  received: 'Received, not started yet',
  'checking-coverage': 'Checking insurance coverage',
  'awaiting-prior-authorization': 'Waiting for the insurer to authorize',
  'awaiting-coordinator': 'Waiting for a coordinator to decide',
  'gathering-records': 'Collecting medical records',
  'matching-specialist': 'Finding a specialist',
  'awaiting-opinion': 'Waiting for the specialist',
  'comparing-opinions': 'Comparing the opinions',
  'notifying-insurer': 'Sending the claim to the insurer',
  completed: 'Completed',
  closed: 'Closed',
  'needs-attention': 'Stopped: needs attention',
};

export const WAITING_ON_WORDS: Readonly<Record<WaitingOn, string>> = {
  coordinator: 'A coordinator',
  insurer: 'The insurer',
  physician: 'The referring physician',
  patient: 'The patient',
  specialist: 'The specialist',
};

/** Whom a case waits on, in words; nobody: Concord is at work on it. */
export const waitingOnWords = (waitingOn: WaitingOn | undefined) =>
  waitingOn ? WAITING_ON_WORDS[waitingOn] : 'Nobody (Concord is working)';

/** `head-and-neck` → `Head and neck`, `genitourinary-other` → `Other genitourinary`. */
export function cancerTypeWords(code: string): string {
  const other = code.endsWith('-other');
  const words = (other ? code.slice(0, -'-other'.length) : code).replace(/-/g, ' ');
  return other ? `Other ${words}` : words.charAt(0).toUpperCase() + words.slice(1);
}

export const urgencyWords = (urgency: string) => (urgency === 'expedited' ? 'Expedited' : 'Routine');

/** The case id's first block: enough to tell cases apart on a screen (the full id is in its link). */
export const shortCaseId = (caseId: string) => caseId.split('-')[0]!;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** A span of time, to the two largest units: `2 days 3 hours`, `5 hours`, `40 minutes`. */
export function durationWords(ms: number): string {
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${plural(days, 'day')} ${plural(hours, 'hour')}` : plural(days, 'day');
  if (hours > 0)
    return minutes > 0 ? `${plural(hours, 'hour')} ${plural(minutes, 'minute')}` : plural(hours, 'hour');
  return minutes > 0 ? plural(minutes, 'minute') : 'less than a minute';
}

/** When something is due, against now: `Overdue by 5 hours`, `Due in 2 days`, or nothing due. */
export function dueWords(dueAt: string | undefined, now: Date): { text: string; overdue: boolean } {
  if (!dueAt) return { text: 'Nothing due', overdue: false };
  const left = Date.parse(dueAt) - now.getTime();
  return left < 0
    ? { text: `Overdue by ${durationWords(-left)}`, overdue: true }
    : { text: `Due in ${durationWords(left)}`, overdue: false };
}

export const agoWords = (at: string, now: Date) =>
  `${durationWords(Math.max(0, now.getTime() - Date.parse(at)))} ago`;

/** `2026-12-09 14:05 UTC`: the same for everyone, whatever their machine's zone. */
export const timeWords = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
