import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { IntakeInput } from '../../../functions/schemas/intake.js';
import type { OpinionInput } from '../../../functions/schemas/opinion.js';
import { pollUntil } from '../poll.js';
import {
  postForm,
  singleLinkIn,
  subjectFor,
  tableClient,
  waitForEmails,
  COORDINATOR,
  viewCase,
  type CaseView,
  type Created,
  type SesEmail,
  type StackHandle,
} from './inbox.js';

/** The coordinator's n-th proposal of a specialist for a case (1-based, reminders not counted). */
export async function matchProposal(stack: StackHandle, caseId: string, n = 1): Promise<string> {
  const isProposal = (email: SesEmail) =>
    subjectFor('Approval needed')(caseId, COORDINATOR)(email) &&
    email.subject.includes('(proposed specialist)') &&
    !/reminder/i.test(email.subject);
  const emails = await waitForEmails(stack, isProposal, `proposal ${n} for ${caseId}`, n);
  return singleLinkIn(stack, emails[n - 1]!, 'approvals');
}

/** The n-th `New case` email of a case (reminders not counted) and its signed link. */
export async function assignmentRequest(
  stack: StackHandle,
  caseId: string,
  n = 1,
): Promise<{ email: SesEmail; link: string }> {
  const isNewCase = (email: SesEmail) =>
    subjectFor('New case')(caseId)(email) && !/reminder/i.test(email.subject);
  const emails = await waitForEmails(stack, isNewCase, `assignment ${n} for ${caseId}`, n);
  return { email: emails[n - 1]!, link: singleLinkIn(stack, emails[n - 1]!, 'assignments') };
}

/** The opinion endpoint of an assignment link: `/assignments/{id}/opinion?sig=…`. */
export const opinionUrl = (link: string) => link.replace('?sig=', '/opinion?sig=');

/** POSTs a structured opinion as JSON, as a program would. */
export function postOpinion(link: string, opinion: OpinionInput): Promise<Response> {
  return fetch(opinionUrl(link), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(opinion),
  });
}

/** An opinion agreeing with the first opinion on every dimension, answering every question. */
export function agreeingOpinion(intake: IntakeInput, changes: Partial<OpinionInput> = {}): OpinionInput {
  const first = intake.firstOpinion;
  return {
    diagnosisAssessment: 'confirmed',
    icd10: first.icd10,
    stage: first.stage,
    treatmentPlan: first.treatmentPlan,
    answers: (intake.questions ?? []).map((question) => ({
      question,
      answer: 'Your current plan is the standard of care for this stage.',
    })),
    rationale: 'Pathology and imaging support the diagnosis and stage; the plan follows NCCN guidance.',
    references: ['NCCN Breast Cancer v4.2026'],
    ...changes,
  };
}

async function expectOk(response: Response, what: string): Promise<void> {
  if (response.status !== 200)
    throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
}

/**
 * Plays the coordinator and the specialist for one opinion: approve the n-th proposal, accept the
 * n-th assignment, submit the opinion. Answers the assignment link.
 */
export async function playReview(
  stack: StackHandle,
  caseId: string,
  opinion: OpinionInput,
  n = 1,
): Promise<string> {
  await expectOk(await postForm(await matchProposal(stack, caseId, n), { decision: 'approve' }), 'approve');
  const { link } = await assignmentRequest(stack, caseId, n);
  await expectOk(await postForm(link, { decision: 'accept' }, true), 'accept');
  await expectOk(await postOpinion(link, opinion), 'opinion');
  return link;
}

/** Polls until the records are done and the coordinator has been asked to approve a proposed specialist. */
export function waitForProposal(stack: StackHandle, created: Created): Promise<CaseView> {
  return pollUntil(
    () => viewCase(stack, created),
    (view) =>
      view.status === 'awaiting-coordinator' &&
      view.timeline.some(
        (event) => event.type === 'approval-requested' && event.detail === 'specialist-match',
      ),
    { attempts: 200, intervalMs: 50, what: `a specialist proposed for ${created.caseId}` },
  );
}

/** The specialists proposed for a case, in attempt order (from the stored ASSIGNMENT items). */
export async function storedAttempts(stack: StackHandle, caseId: string) {
  const db = tableClient(stack);
  try {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: 'concord',
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ExpressionAttributeValues: { ':pk': `CASE#${caseId}`, ':sk': 'ASSIGNMENT#' },
        ConsistentRead: true,
      }),
    );
    return Items as Array<{ specialistId: string; organization: string; status: string; outcome?: string }>;
  } finally {
    db.destroy();
  }
}

/** The holds on a specialist's LOAD item, as stored: each case the specialist's capacity is held for. */
export async function holdsOf(stack: StackHandle, specialistId: string): Promise<Set<string>> {
  const db = tableClient(stack);
  try {
    const { Item } = await db.send(
      new GetCommand({
        TableName: 'concord',
        Key: { PK: `SPECIALIST#${specialistId}`, SK: 'LOAD' },
        ConsistentRead: true,
      }),
    );
    return (Item?.holds as Set<string> | undefined) ?? new Set<string>();
  } finally {
    db.destroy();
  }
}
