import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { IntakeInput } from '../../functions/schemas/intake.js';
import { exampleIntake } from '../support/intake.js';
import { pollUntil } from '../support/poll.js';

export const COORDINATOR = 'coordinator@concord.local';
const TABLE_NAME = 'concord';

/** What an approval test needs of a running stack (test/support/stack.ts's TestStack has it all). */
export interface StackHandle {
  urls: { api: string; sesInbox: string; dynamodb: string };
  dataDir: string;
}

export interface SesEmail {
  from?: string;
  destination: { to: string[]; cc?: string[]; bcc?: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

export interface Created {
  caseId: string;
  accessToken: string;
}

export interface CaseView {
  caseId: string;
  status: string;
  timeline: Array<{ at: string; type: string; detail?: string; actor?: string }>;
}

/** Details no coordinator page or patient email may show: distinctive, so a hit is never by chance. */
export interface Phi {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  email: string;
  phone: string;
  icd10: string;
}

let sequence = 0;

/** API.md's example intake with a payer Concord does not know (coverage not confirmed) and distinctive PHI. */
export function uncoveredIntake(): { intake: IntakeInput; phi: Phi } {
  sequence += 1;
  const letters = 'bcdfghjklmnpqrstvwxz';
  const tag = [...String(sequence).padStart(3, '0')].map((digit) => letters[Number(digit)]).join('');
  const phi: Phi = {
    firstName: `Zelinda${tag}`,
    lastName: `Quarrington${tag}`,
    dateOfBirth: '1971-09-13',
    email: `zelinda.${tag}@patients.example`,
    phone: '+15559876543',
    icd10: 'C50.911',
  };
  const intake = exampleIntake();
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
  intake.insurance = { payerId: 'nobody-health', memberId: 'NB0000001' };
  return { intake, phi };
}

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

export function waitForStatus(stack: StackHandle, created: Created, status: string, attempts = 150) {
  return pollUntil(
    () => viewCase(stack, created),
    (view) => view.status === status,
    { attempts, intervalMs: 100, what: `case ${created.caseId} reaching ${status}` },
  );
}

export async function sesEmails(stack: StackHandle): Promise<SesEmail[]> {
  const response = await fetch(`${stack.urls.sesInbox}/store`);
  if (response.status !== 200) throw new Error(`GET /store answered ${response.status}`);
  return ((await response.json()) as { emails: SesEmail[] }).emails;
}

/** Polls the SES inbox until an email matches, and returns it (bounded by attempts). */
export async function waitForEmail(
  stack: StackHandle,
  matches: (email: SesEmail) => boolean,
  what: string,
  attempts = 150,
): Promise<SesEmail> {
  const emails = await pollUntil(
    () => sesEmails(stack),
    (all) => all.some(matches),
    { attempts, intervalMs: 100, what },
  );
  return emails.find(matches)!;
}

export const isApprovalRequest = (caseId: string) => (email: SesEmail) =>
  email.subject.startsWith('Approval needed') &&
  email.subject.includes(caseId) &&
  !/reminder/i.test(email.subject) &&
  email.destination.to.includes(COORDINATOR);

export const aboutCase = (caseId: string) => (email: SesEmail) =>
  email.subject.includes(caseId) || (email.body.text ?? '').includes(caseId);

/** Every http(s) URL in a text. */
export function linksIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((match) => match[0].replace(/&amp;/g, '&'));
}

/** The approval link in an email: the same in the text and the HTML part. */
export function approvalLink(stack: StackHandle, email: SesEmail): string {
  const pattern = new RegExp(
    `${stack.urls.api.replace(/[.]/g, '\\.')}/approvals/[A-Za-z0-9_-]+\\?sig=[0-9]+\\.[A-Za-z0-9_-]+`,
  );
  const fromText = pattern.exec(email.body.text ?? '')?.[0];
  const fromHtml = pattern.exec(email.body.html ?? '')?.[0];
  if (!fromText || fromText !== fromHtml)
    throw new Error(`No single approval link in "${email.subject}": text ${fromText}, html ${fromHtml}`);
  return fromText;
}

/** The callback id in a link (`/approvals/<id>?sig=…`). */
export const callbackIdOf = (link: string) => new URL(link).pathname.split('/').pop()!;

/** The stack's link-signing key, as Secrets Manager hands it to the handlers. */
export async function signingKey(stack: StackHandle): Promise<Buffer> {
  const secret = (await readFile(join(stack.dataDir, 'link-signing.secret'), 'utf8')).trim();
  return Buffer.from(secret, 'utf8');
}

export const FORM = 'application/x-www-form-urlencoded';

/** POSTs a form to a link; `json` asks for JSON answers (problem+json on refusal). */
export function postForm(link: string, fields: Record<string, string>, json = false): Promise<Response> {
  return fetch(link, {
    method: 'POST',
    headers: { 'Content-Type': FORM, ...(json ? { Accept: 'application/json' } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Reads CALLBACK items straight from the table: the server-side home of task tokens. */
export class CallbackTable {
  private readonly db: DynamoDBDocumentClient;

  constructor(stack: StackHandle) {
    this.db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.urls.dynamodb }));
  }

  async get(callbackId: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: TABLE_NAME,
        Key: { PK: `CALLBACK#${callbackId}`, SK: 'CALLBACK' },
        ConsistentRead: true,
      }),
    );
    return Item;
  }

  /** Every CALLBACK item in the table. */
  async all(): Promise<Array<Record<string, unknown>>> {
    const items: Array<Record<string, unknown>> = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new ScanCommand({
          TableName: TABLE_NAME,
          FilterExpression: 'SK = :callback',
          ExpressionAttributeValues: { ':callback': 'CALLBACK' },
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  destroy(): void {
    this.db.destroy();
  }
}

/**
 * Teardown: rejects every approval a test left pending and waits for its case to close. The local
 * runner cannot stop a waiting task's timeout timer (see the report on LocalStepFunctions.close), so a
 * case left waiting on a long approval timeout would keep the test process alive after stack.stop().
 */
export async function settlePending(
  stack: StackHandle,
  callbacks: CallbackTable,
  approvals: ReadonlyArray<{ created: Created; link: string; callbackId: string }>,
): Promise<void> {
  for (const { created, link, callbackId } of approvals) {
    const item = await callbacks.get(callbackId);
    if (item?.status !== 'pending') continue;
    const answer = await postForm(link, { decision: 'reject', comment: 'test teardown' }, true);
    if (answer.status === 200) await waitForStatus(stack, created, 'closed');
  }
}
