import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoCaseStore } from '../../../functions/adapters/dynamo-case-store.js';
import { ItemClient } from '../../../functions/adapters/item-client.js';
import type { IntakeInput } from '../../../functions/schemas/intake.js';
import { pollUntil } from '../poll.js';
import { SIG_PATTERN } from '../signatures.js';

/** The coordinator's address on the local stack. */
export const COORDINATOR = 'coordinator@concord.local';
/** The local stack's single table. */
export const TABLE_NAME = 'concord';

/** What these helpers need of a running stack (test/support/stack/stack.ts's TestStack has it all). */
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
  from?: string;
  destination: { to: string[]; cc?: string[]; bcc?: string[] };
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
  cancerType: string;
  opinions: number;
  concordance?: 'none' | 'minor' | 'major';
  coverage?: { outcome: string; reason: string };
  timeline: Array<{ at: string; type: string; detail?: string; actor?: string }>;
}

/** Details no email may show: distinctive, so a hit is never by chance. */
export interface PatientPhi {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  email: string;
  phone: string;
  icd10: string;
}

/** Puts a patient's PHI (names, birth date, contacts, diagnosis code) into an intake, in place. */
export function withPatientPhi(intake: IntakeInput, phi: PatientPhi): IntakeInput {
  intake.patient = {
    ...intake.patient,
    firstName: phi.firstName,
    lastName: phi.lastName,
    dateOfBirth: phi.dateOfBirth,
    email: phi.email,
    phone: phi.phone,
  };
  intake.diagnosis.icd10 = phi.icd10;
  intake.firstOpinion.icd10 = phi.icd10;
  return intake;
}

/**
 * Submits the intake and confirms it from the email, as its submitter does: the case then starts. Tests of
 * what happens before confirmation use submitUnconfirmed.
 */
export async function submitIntake(stack: StackHandle, intake: IntakeInput): Promise<Created> {
  const created = await submitUnconfirmed(stack, intake);
  const response = await fetch(await confirmationLink(stack, created.caseId), { method: 'POST' });
  if (response.status !== 200)
    throw new Error(`Confirming ${created.caseId} answered ${response.status}: ${await response.text()}`);
  return created;
}

/** The confirmation link emailed for the case (bounded wait). */
export async function confirmationLink(stack: StackHandle, caseId: string): Promise<string> {
  const email = await waitForEmail(
    stack,
    (e) => e.subject.includes(caseId) && /\/confirmations\//.test(e.body.text ?? ''),
    `the confirmation email of ${caseId}`,
  );
  return singleLinkIn(stack, email, 'confirmations');
}

/** POST /cases alone: the case waits for its submitter's confirmation. */
export async function submitUnconfirmed(stack: StackHandle, intake: IntakeInput): Promise<Created> {
  const response = await fetch(`${stack.urls.api}/cases`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(intake),
  });
  if (response.status !== 201)
    throw new Error(`POST /cases answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Created;
}

/**
 * The whole case as the coordinator sees it (status, coverage, the full internal timeline with details and
 * actors), read from the stack's table: the tests' oracle of what the workflow did. The patient's view, GET
 * /cases/{id}, shows patient-facing events only (patientViewOf).
 */
export async function viewCase(stack: StackHandle, created: Pick<Created, 'caseId'>): Promise<CaseView> {
  const client = new DynamoDBClient({ endpoint: stack.urls.dynamodb });
  try {
    const cases = new DynamoCaseStore(new ItemClient(client), TABLE_NAME);
    const record = await cases.get(created.caseId);
    if (!record) throw new Error(`No case ${created.caseId} in the table`);
    return {
      caseId: record.caseId,
      status: record.status,
      cancerType: record.cancerType,
      opinions: record.opinions,
      ...(record.discordance ? { concordance: record.discordance.level } : {}),
      ...(record.coverage
        ? { coverage: { outcome: record.coverage.outcome, reason: record.coverage.reason } }
        : {}),
      timeline: await cases.timeline(record.caseId, record),
    };
  } finally {
    client.destroy();
  }
}

/** GET /cases/{id} with the access token: the patient's view. */
export async function patientViewOf(stack: StackHandle, created: Created): Promise<CaseView> {
  const response = await fetch(`${stack.urls.api}/cases/${created.caseId}`, {
    headers: { Authorization: `Bearer ${created.accessToken}` },
  });
  if (response.status !== 200) throw new Error(`GET /cases/${created.caseId} answered ${response.status}`);
  return (await response.json()) as CaseView;
}

/** Polls the case until it reaches `status` (bounded by attempts). */
export function waitForStatus(
  stack: StackHandle,
  created: Created,
  status: string,
  attempts = 200,
  intervalMs = 50,
): Promise<CaseView> {
  return pollUntil(
    () => viewCase(stack, created),
    (view) => view.status === status,
    { attempts, intervalMs, what: `case ${created.caseId} reaching ${status}` },
  );
}

export async function sesEmails(stack: StackHandle): Promise<SesEmail[]> {
  const response = await fetch(`${stack.urls.sesInbox}/store`);
  if (response.status !== 200) throw new Error(`GET /store answered ${response.status}`);
  return ((await response.json()) as { emails: SesEmail[] }).emails;
}

/** Polls the SES inbox until `count` emails match, and returns them (bounded by attempts). */
export async function waitForEmails(
  stack: StackHandle,
  matches: (email: SesEmail) => boolean,
  what: string,
  count = 1,
  attempts = 200,
  intervalMs = 50,
): Promise<SesEmail[]> {
  const emails = await pollUntil(
    () => sesEmails(stack),
    (all) => all.filter(matches).length >= count,
    { attempts, intervalMs, what },
  );
  return emails.filter(matches);
}

/** Polls the SES inbox until an email matches, and returns the first that does (bounded by attempts). */
export async function waitForEmail(
  stack: StackHandle,
  matches: (email: SesEmail) => boolean,
  what: string,
  attempts = 200,
  intervalMs = 50,
): Promise<SesEmail> {
  return (await waitForEmails(stack, matches, what, 1, attempts, intervalMs))[0]!;
}

/** Emails whose subject starts with `prefix` and names the case, optionally to one address. */
export const subjectFor =
  (prefix: string) =>
  (caseId: string, to?: string) =>
  (email: SesEmail): boolean =>
    email.subject.startsWith(prefix) &&
    email.subject.includes(caseId) &&
    (to === undefined || email.destination.to.includes(to));

/** A first request to the coordinator for an approval of a case (not a reminder). */
export const isFirstApprovalRequest =
  (caseId: string) =>
  (email: SesEmail): boolean =>
    subjectFor('Approval needed')(caseId, COORDINATOR)(email) && !/reminder/i.test(email.subject);

/** Every http(s) URL in a text. */
export function linksIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((match) => match[0].replace(/&amp;/g, '&'));
}

/** The pattern of a signed link of the stack's API (`<api>/<path>/<id>?sig=…`). */
export function signedLinkPattern(stack: StackHandle, path: string, flags?: string): RegExp {
  return new RegExp(
    `${stack.urls.api.replace(/[.]/g, '\\.')}/${path}/[A-Za-z0-9_-]+\\?sig=${SIG_PATTERN}`,
    flags,
  );
}

export const FORM = 'application/x-www-form-urlencoded';

/** POSTs a form to a link, as the page's form does; `json` asks for JSON answers (problem+json on refusal). */
export function postForm(link: string, fields: Record<string, string>, json = false): Promise<Response> {
  return fetch(link, {
    method: 'POST',
    headers: { 'Content-Type': FORM, ...(json ? { Accept: 'application/json' } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
}

/** A document client on the stack's DynamoDB (destroy it when done). */
export function tableClient(stack: StackHandle): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.urls.dynamodb }));
}

/** The single signed link under `path` in an email, the same in its text and HTML parts. */
export function singleLinkIn(stack: StackHandle, email: SesEmail, path: string, label = path): string {
  const pattern = signedLinkPattern(stack, path, 'g');
  const inText = [...new Set((email.body.text ?? '').match(pattern) ?? [])];
  const inHtml = [...new Set((email.body.html ?? '').match(pattern) ?? [])];
  if (inText.length !== 1 || inHtml.length !== 1 || inText[0] !== inHtml[0])
    throw new Error(`No single ${label} link in "${email.subject}": text ${inText}, html ${inHtml}`);
  return inText[0]!;
}

/** Expects a decision page's answer: 200 and "Decision recorded". */
export async function expectRecorded(response: Response): Promise<void> {
  const page = await response.text();
  expect({ status: response.status, recorded: /Decision recorded/.test(page) }).toEqual({
    status: 200,
    recorded: true,
  });
}
