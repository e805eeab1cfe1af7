import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Claim } from '@medplum/fhirtypes';
import type { CaseRecord } from '../../functions/domain/case.js';
import type { IntakeInput } from '../../functions/schemas/intake.js';
import { exampleIntake } from '../support/intake.js';
import { pollUntil } from '../support/poll.js';
import { PHI } from './records.js';

export const COORDINATOR = 'coordinator@concord.local';
const TABLE_NAME = 'concord';

/** What these helpers need of a running stack (test/support/stack.ts's TestStack has it all). */
export interface StackHandle {
  urls: { api: string; sesInbox: string; dynamodb: string };
}

export interface SesAttachment {
  filename?: string;
  fileName?: string;
  content: string;
  contentType?: string;
}

export interface SesEmail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  attachments?: SesAttachment[];
}

export interface Created {
  caseId: string;
  accessToken: string;
}

export interface CaseView {
  caseId: string;
  status: string;
  coverage?: { outcome: string; reason: string };
  timeline: Array<{ at: string; type: string; detail?: string; actor?: string }>;
}

let sequence = 0;

/**
 * API.md's example intake with the given insurance, the distinctive PHI of records.ts (so a leak into
 * an email is never a coincidence) and a patient email of its own (to tell cases apart).
 */
export function intakeFor(
  insurance: IntakeInput['insurance'],
  changes: { urgency?: 'routine' | 'expedited' } = {},
): IntakeInput {
  sequence += 1;
  const intake = exampleIntake();
  intake.patient = {
    ...intake.patient,
    firstName: PHI.firstName,
    lastName: PHI.lastName,
    dateOfBirth: PHI.dateOfBirth,
    phone: PHI.phone,
    email: `patient-${process.pid}-${sequence}@patients.example`,
  };
  intake.diagnosis.icd10 = PHI.icd10;
  intake.firstOpinion.icd10 = PHI.icd10;
  intake.insurance = insurance;
  if (changes.urgency) intake.urgency = changes.urgency;
  return intake;
}

export const insured = (payerId: string) => intakeFor({ payerId, memberId: PHI.memberId });

/** PHI of an intake made by intakeFor: none of it may appear in an email's subject or body. */
export function phiOf(intake: IntakeInput): string[] {
  const member = 'payerId' in intake.insurance ? [intake.insurance.memberId] : [];
  return [
    intake.patient.firstName,
    intake.patient.lastName,
    intake.patient.dateOfBirth,
    intake.patient.email,
    intake.patient.phone ?? PHI.phone,
    intake.diagnosis.icd10,
    ...member,
  ];
}

/** The parts of an email a reader sees without opening an attachment. */
export const visibleParts = (email: SesEmail) => [
  email.subject,
  email.body.text ?? '',
  email.body.html ?? '',
];

export async function submitIntake(stack: StackHandle, intake: IntakeInput): Promise<Created> {
  const response = await fetch(`${stack.urls.api}/cases`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(intake),
  });
  if (response.status !== 201)
    throw new Error(`POST /cases answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Created;
}

export async function viewCase(stack: StackHandle, created: Created): Promise<CaseView> {
  const response = await fetch(`${stack.urls.api}/cases/${created.caseId}`, {
    headers: { Authorization: `Bearer ${created.accessToken}` },
  });
  if (response.status !== 200) throw new Error(`GET /cases/${created.caseId} answered ${response.status}`);
  return (await response.json()) as CaseView;
}

export function waitForStatus(
  stack: StackHandle,
  created: Created,
  status: string,
  attempts = 200,
): Promise<CaseView> {
  return pollUntil(
    () => viewCase(stack, created),
    (view) => view.status === status,
    { attempts, intervalMs: 50, what: `case ${created.caseId} reaching ${status}` },
  );
}

export async function sesEmails(stack: StackHandle): Promise<SesEmail[]> {
  const response = await fetch(`${stack.urls.sesInbox}/store`);
  if (response.status !== 200) throw new Error(`GET /store answered ${response.status}`);
  return ((await response.json()) as { emails: SesEmail[] }).emails;
}

/** Every email about a case (each subject names its case). */
export async function emailsAbout(stack: StackHandle, caseId: string): Promise<SesEmail[]> {
  return (await sesEmails(stack)).filter((email) => email.subject.includes(caseId));
}

/** Polls the SES inbox until `count` emails match, and returns them (bounded by attempts). */
export async function waitForEmails(
  stack: StackHandle,
  matches: (email: SesEmail) => boolean,
  what: string,
  count = 1,
  attempts = 200,
): Promise<SesEmail[]> {
  const emails = await pollUntil(
    () => sesEmails(stack),
    (all) => all.filter(matches).length >= count,
    { attempts, intervalMs: 50, what },
  );
  return emails.filter(matches);
}

export async function waitForEmail(
  stack: StackHandle,
  matches: (email: SesEmail) => boolean,
  what: string,
): Promise<SesEmail> {
  return (await waitForEmails(stack, matches, what))[0]!;
}

const subjectFor =
  (prefix: string) =>
  (caseId: string, to?: string) =>
  (email: SesEmail): boolean =>
    email.subject.startsWith(prefix) &&
    email.subject.includes(caseId) &&
    (to === undefined || email.destination.to.includes(to));

export const isClaimNotice = subjectFor('Claim notice');
export const isPriorAuthRequest = subjectFor('Prior authorization request');
export const isReceipt = subjectFor('Receipt');
/** The first request for an approval of a purpose (not a reminder). */
export const isApprovalRequest =
  (caseId: string, purpose: string) =>
  (email: SesEmail): boolean =>
    subjectFor('Approval needed')(caseId, COORDINATOR)(email) &&
    email.subject.includes(`(${purpose})`) &&
    !/reminder/i.test(email.subject);

/** The single signed link of a kind in an email, the same in its text and HTML parts. */
export function linkIn(
  stack: StackHandle,
  email: SesEmail,
  path: 'approvals' | 'prior-authorizations',
): string {
  const pattern = new RegExp(
    `${stack.urls.api.replace(/[.]/g, '\\.')}/${path}/[A-Za-z0-9_-]+\\?sig=[0-9]+\\.[A-Za-z0-9_-]+`,
    'g',
  );
  const inText = [...new Set((email.body.text ?? '').match(pattern) ?? [])];
  const inHtml = [...new Set((email.body.html ?? '').match(pattern) ?? [])];
  if (inText.length !== 1 || inHtml.length !== 1 || inText[0] !== inHtml[0])
    throw new Error(`No single ${path} link in "${email.subject}": text ${inText}, html ${inHtml}`);
  return inText[0]!;
}

export const FORM = 'application/x-www-form-urlencoded';

/** POSTs a form to a link, as the page's form does. */
export function postForm(link: string, fields: Record<string, string>): Promise<Response> {
  return fetch(link, {
    method: 'POST',
    headers: { 'Content-Type': FORM },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The claim attached to a claim notice: `claim-<caseId>.json`, decoded from base64. */
export function attachedClaim(email: SesEmail, caseId: string): Claim {
  const attachments = email.attachments ?? [];
  if (attachments.length !== 1) throw new Error(`Expected one attachment, got ${attachments.length}`);
  const [attachment] = attachments;
  const name = attachment!.filename ?? attachment!.fileName;
  if (name !== `claim-${caseId}.json`) throw new Error(`Unexpected attachment name ${name}`);
  return JSON.parse(Buffer.from(attachment!.content, 'base64').toString('utf8')) as Claim;
}

/** The stored case item, read straight from the table (for what GET /cases does not show). */
export async function storedCase(stack: StackHandle, caseId: string): Promise<CaseRecord | undefined> {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.urls.dynamodb }));
  try {
    const { Item } = await db.send(
      new GetCommand({
        TableName: TABLE_NAME,
        Key: { PK: `CASE#${caseId}`, SK: 'CASE' },
        ConsistentRead: true,
      }),
    );
    return Item as CaseRecord | undefined;
  } finally {
    db.destroy();
  }
}

/** Polls `probe` `times` times and returns every answer (to show something does NOT change). */
export async function sample<T>(probe: () => Promise<T>, times: number, intervalMs = 150): Promise<T[]> {
  const answers: T[] = [];
  for (let attempt = 0; attempt < times; attempt++) {
    answers.push(await probe());
    if (attempt < times - 1) await new Promise((done) => setTimeout(done, intervalMs));
  }
  return answers;
}

export const eventTypes = (view: CaseView) => view.timeline.map((event) => event.type);
