import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { secretKeys, type LinkKey } from '../../../functions/domain/signing-keys.js';
import type { IntakeInput } from '../../../functions/schemas/intake.js';
import { SECRET_ID } from '../../../infra/local/stack.js';
import { exampleIntake } from '../intake.js';
import {
  isFirstApprovalRequest,
  postForm,
  signedLinkPattern,
  tableClient,
  TABLE_NAME,
  waitForEmail as waitForFirstEmail,
  waitForStatus as waitForCaseStatus,
  withPatientPhi,
  type Created,
  type PatientPhi,
  type SesEmail,
  type StackHandle as InboxStack,
} from './inbox.js';

// Re-exported for test/e2e/approval-browser.test.ts; other tests import test/support/stack/inbox.ts directly.
export { COORDINATOR, submitIntake, viewCase } from './inbox.js';

/** What an approval test needs of a running stack (test/support/stack/stack.ts's TestStack has it all). */
export interface StackHandle extends InboxStack {
  dataDir: string;
  urls: InboxStack['urls'] & { secrets: string };
}

/** Details no coordinator page or patient email may show: distinctive, so a hit is never by chance. */
export type Phi = PatientPhi;

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
  const intake = withPatientPhi(exampleIntake(), phi);
  intake.insurance = { payerId: 'nobody-health', memberId: 'NB0000001' };
  return { intake, phi };
}

/** Polls the case until it reaches `status` (bounded by attempts, every 100 ms). */
export function waitForStatus(stack: StackHandle, created: Created, status: string, attempts = 150) {
  return waitForCaseStatus(stack, created, status, attempts, 100);
}

/** Polls the SES inbox until an email matches, and returns it (bounded by attempts, every 100 ms). */
export function waitForEmail(
  stack: StackHandle,
  matches: (email: SesEmail) => boolean,
  what: string,
  attempts = 150,
): Promise<SesEmail> {
  return waitForFirstEmail(stack, matches, what, attempts, 100);
}

export const isApprovalRequest = isFirstApprovalRequest;

export const aboutCase = (caseId: string) => (email: SesEmail) =>
  email.subject.includes(caseId) || (email.body.text ?? '').includes(caseId);

/** The approval link in an email: the same in the text and the HTML part. */
export function approvalLink(stack: StackHandle, email: SesEmail): string {
  const pattern = signedLinkPattern(stack, 'approvals');
  const fromText = pattern.exec(email.body.text ?? '')?.[0];
  const fromHtml = pattern.exec(email.body.html ?? '')?.[0];
  if (!fromText || fromText !== fromHtml)
    throw new Error(`No single approval link in "${email.subject}": text ${fromText}, html ${fromHtml}`);
  return fromText;
}

/** The callback id in a link (`/approvals/<id>?sig=…`). */
export const callbackIdOf = (link: string) => new URL(link).pathname.split('/').pop()!;

/** The stack's current link-signing key, as its Secrets Manager hands it to the handlers. */
export async function currentLinkKey(stack: StackHandle): Promise<LinkKey> {
  const client = new SecretsManagerClient({ endpoint: stack.urls.secrets });
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: SECRET_ID }));
    return secretKeys(SecretString!).link;
  } finally {
    client.destroy();
  }
}

/** Reads CALLBACK items straight from the table: the server-side home of task tokens. */
export class CallbackTable {
  private readonly db: DynamoDBDocumentClient;

  constructor(stack: StackHandle) {
    this.db = tableClient(stack);
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
