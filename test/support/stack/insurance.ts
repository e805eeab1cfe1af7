import { approvalTopic } from '../../../functions/views/approval-topics.js';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Claim } from '@medplum/fhirtypes';
import type { CaseRecord } from '../../../functions/domain/case.js';
import type { IntakeInput } from '../../../functions/schemas/intake.js';
import { exampleIntake } from '../intake.js';
import {
  isFirstApprovalRequest,
  sesEmails,
  singleLinkIn,
  subjectFor,
  tableClient,
  TABLE_NAME,
  withPatientPhi,
  type CaseView,
  type SesEmail,
  type StackHandle,
} from './inbox.js';
import { PHI } from '../case-records.js';

// Re-exported for test/e2e/records-browser.test.ts; other tests import test/support/stack/inbox.ts directly.
export { submitIntake, waitForEmail, type Created } from './inbox.js';

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
  const intake = withPatientPhi(exampleIntake(), {
    ...PHI,
    email: `patient-${process.pid}-${sequence}@patients.example`,
  });
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

/** Every email about a case (each subject names its case). */
export async function emailsAbout(stack: StackHandle, caseId: string): Promise<SesEmail[]> {
  return (await sesEmails(stack)).filter((email) => email.subject.includes(caseId));
}

export const isClaimNotice = subjectFor('Claim notice');
export const isPriorAuthRequest = subjectFor('Prior authorization request');
export const isReceipt = subjectFor('Receipt');
/** The first request for an approval of a purpose (not a reminder), whose subject names it in words. */
export const isApprovalRequest =
  (caseId: string, purpose: string) =>
  (email: SesEmail): boolean =>
    isFirstApprovalRequest(caseId)(email) && email.subject.includes(`(${approvalTopic(purpose)})`);

/** The single signed link of a kind in an email, the same in its text and HTML parts. */
export function linkIn(
  stack: StackHandle,
  email: SesEmail,
  path: 'approvals' | 'prior-authorizations',
): string {
  return singleLinkIn(stack, email, path);
}

/**
 * The claim behind a claim notice's one link (`/claims/{id}?sig=…`, a grant to the claims address): nothing is
 * attached, and the link answers the FHIR Claim as application/fhir+json.
 */
export async function linkedClaim(stack: StackHandle, email: SesEmail): Promise<Claim> {
  if ((email.attachments ?? []).length > 0) throw new Error(`"${email.subject}" carries an attachment`);
  const response = await fetch(singleLinkIn(stack, email, 'claims'));
  if (response.status !== 200) throw new Error(`The claim link answered ${response.status}`);
  const type = response.headers.get('content-type');
  if (type !== 'application/fhir+json') throw new Error(`The claim link answered ${type}`);
  return (await response.json()) as Claim;
}

/** The stored case item, read straight from the table (for what GET /cases does not show). */
export async function storedCase(stack: StackHandle, caseId: string): Promise<CaseRecord | undefined> {
  const db = tableClient(stack);
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

/** The coordinator approvals a case asked for besides proposing its specialist (coverage, insurer, records). */
export const gateApprovals = (view: CaseView) =>
  view.timeline
    .filter((event) => event.type === 'approval-requested' && event.detail !== 'specialist-match')
    .map((event) => event.detail);
