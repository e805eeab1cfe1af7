/**
 * Simulated people for the benchmarks: the patient (intake, records), the coordinator (approvals), and the
 * specialists (accept, opinion). They read their email from the SDK tap as the handlers send it (no polling
 * of the SES emulator's inbox, which grows with every case) and answer over HTTP, through the same API and
 * signed links a person would use. Leaner than test/support: no assertions, nothing jest.
 */
import { approvalTopic } from '../../functions/views/approval-topics.js';
import type { OpinionInput } from '../../functions/schemas/opinion.js';
import type { IntakeInput } from '../../functions/schemas/intake.js';
import { exampleIntake } from '../../test/support/intake.js';
import { REQUIRED_RECORD_TYPES, tinyPdf } from '../../test/support/stack/records.js';
import { agreeingOpinion } from '../../test/support/stack/review.js';
import type { SdkTap, SentEmail } from './sdk-tap.js';

const CASE_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

interface Waiter {
  matches: (email: SentEmail) => boolean;
  nth: number;
  resolve: (email: SentEmail) => void;
}

/** Every email the handlers send, by the case its subject names; waiters are answered as mail arrives. */
export class Mailbox {
  private readonly byCase = new Map<string, SentEmail[]>();
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly unsubscribe: () => void;

  /** waitMs: how long `next` waits for an email before it gives up. */
  constructor(
    tap: SdkTap,
    private readonly waitMs = 120_000,
  ) {
    this.unsubscribe = tap.onEmail((email) => this.deliver(email));
  }

  /** The nth email of a case that matches (1-based), now or when it arrives. */
  next(
    caseId: string,
    matches: (email: SentEmail) => boolean,
    nth = 1,
    timeoutMs = this.waitMs,
  ): Promise<SentEmail> {
    const found = (this.byCase.get(caseId) ?? []).filter(matches);
    if (found.length >= nth) return Promise.resolve(found[nth - 1]!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`No email ${nth} of the kind awaited for case ${caseId} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      const waiter: Waiter = {
        matches,
        nth,
        resolve: (email) => {
          clearTimeout(timer);
          resolve(email);
        },
      };
      this.waiters.set(caseId, [...(this.waiters.get(caseId) ?? []), waiter]);
    });
  }

  /** How many emails a case received. */
  count(caseId: string): number {
    return this.byCase.get(caseId)?.length ?? 0;
  }

  forget(caseId: string): void {
    this.byCase.delete(caseId);
    this.waiters.delete(caseId);
  }

  close(): void {
    this.unsubscribe();
  }

  private deliver(email: SentEmail): void {
    const caseId = CASE_ID.exec(email.subject)?.[0];
    if (!caseId) return;
    const emails = [...(this.byCase.get(caseId) ?? []), email];
    this.byCase.set(caseId, emails);
    const waiting = this.waiters.get(caseId);
    if (!waiting) return;
    const still = waiting.filter((waiter) => {
      const found = emails.filter(waiter.matches);
      if (found.length < waiter.nth) return true;
      waiter.resolve(found[waiter.nth - 1]!);
      return false;
    });
    this.waiters.set(caseId, still);
  }
}

export type CasePath = 'happy' | 'third-opinion';

export interface DriverContext {
  api: string;
  mailbox: Mailbox;
  /** Resolves with the execution's final status once it stops running. */
  settled: (caseId: string) => Promise<string>;
  /** Called before each answer (the latency benchmark waits there until no handler is at work). */
  beforeAnswer?: () => Promise<void>;
}

export interface DrivenCase {
  caseId: string;
  status: string;
  /** Presigned PUTs the patient made straight to S3 (not SDK calls, so the tap does not see them). */
  presignedPuts: number;
}

const notReminder = (email: SentEmail) => !/reminder/i.test(email.subject);
const approvalFor = (purpose: string) => (email: SentEmail) =>
  email.subject.startsWith('Approval needed') &&
  email.subject.includes(`(${approvalTopic(purpose)})`) &&
  notReminder(email);
const isNewCase = (email: SentEmail) => email.subject.startsWith('New case') && notReminder(email);
const isConfirmation = (email: SentEmail) => email.subject.startsWith('Confirm your');
const isRecordsRequest = (email: SentEmail) =>
  email.subject.startsWith('Records needed') && notReminder(email);

function linkIn(api: string, email: SentEmail, path: string): string {
  const pattern = new RegExp(
    `${api.replace(/[.]/g, '\\.')}/${path}/[A-Za-z0-9_-]+\\?sig=(?:[A-Za-z0-9_-]{1,16}\\.)?[0-9]+\\.[A-Za-z0-9_-]+`,
  );
  const link = pattern.exec(email.text)?.[0];
  if (!link) throw new Error(`No ${path} link in "${email.subject}"`);
  return link;
}

async function expectStatus(response: Response, status: number, what: string): Promise<Response> {
  if (response.status !== status)
    throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
  return response;
}

function postForm(link: string, fields: Record<string, string>): Promise<Response> {
  return fetch(link, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Sends an intake; answers the case id and access token. */
export async function submitCase(api: string, intake: IntakeInput = exampleIntake()) {
  const response = await fetch(`${api}/cases`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(intake),
  });
  await expectStatus(response, 201, 'POST /cases');
  return (await response.json()) as { caseId: string; accessToken: string };
}

/** The patient announces and PUTs each required record; answers how many PUTs went to S3. */
async function uploadRecords(
  api: string,
  caseId: string,
  accessToken: string,
  pause: () => Promise<void>,
): Promise<number> {
  for (const type of REQUIRED_RECORD_TYPES) {
    await pause();
    const body = tinyPdf(type);
    const announced = await fetch(`${api}/cases/${caseId}/records`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        type,
        fileName: `${type}.pdf`,
        contentType: 'application/pdf',
        sizeBytes: body.length,
      }),
    });
    await expectStatus(announced, 201, `POST /cases/${caseId}/records`);
    const grant = (await announced.json()) as { uploadUrl: string; headers: Record<string, string> };
    await pause();
    const put = await fetch(grant.uploadUrl, {
      method: 'PUT',
      headers: grant.headers,
      body: new Uint8Array(body),
    });
    if (!put.ok) throw new Error(`PUT ${type} answered ${put.status}`);
    await put.arrayBuffer();
  }
  return REQUIRED_RECORD_TYPES.length;
}

/** The coordinator approves the nth specialist proposal; the specialist accepts and sends the opinion. */
async function review(
  context: DriverContext,
  caseId: string,
  opinion: OpinionInput,
  nth: number,
): Promise<void> {
  const { api, mailbox } = context;
  const pause = context.beforeAnswer ?? (() => Promise.resolve());
  const proposal = await mailbox.next(caseId, approvalFor('specialist-match'), nth);
  await pause();
  await expectStatus(
    await postForm(linkIn(api, proposal, 'approvals'), { decision: 'approve' }),
    200,
    'approve',
  );
  const assignment = linkIn(api, await mailbox.next(caseId, isNewCase, nth), 'assignments');
  await pause();
  await expectStatus(await postForm(assignment, { decision: 'accept' }), 200, 'accept');
  await pause();
  const submitted = await fetch(assignment.replace('?sig=', '/opinion?sig='), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(opinion),
  });
  await expectStatus(submitted, 200, 'opinion');
}

/** A second opinion that reverses the first opinion's treatment order: a major discordance. */
export function reversingOpinion(intake: IntakeInput): OpinionInput {
  return agreeingOpinion(intake, { treatmentPlan: [...intake.firstOpinion.treatmentPlan].reverse() });
}

/**
 * One case end to end, as people would play it: intake; records once they are asked for; the coordinator
 * approves the proposed specialist, who accepts and answers; on the third-opinion path the answer reverses
 * the treatment order, the coordinator approves a third opinion and a second review agrees.
 */
export async function driveCase(context: DriverContext, path: CasePath): Promise<DrivenCase> {
  const intake = exampleIntake();
  const pause = context.beforeAnswer ?? (() => Promise.resolve());
  const { caseId, accessToken } = await submitCase(context.api, intake);
  // The submitter confirms from the email, as every case starts now.
  const confirmation = linkIn(
    context.api,
    await context.mailbox.next(caseId, isConfirmation),
    'confirmations',
  );
  await expectStatus(await fetch(confirmation, { method: 'POST' }), 200, 'POST /confirmations');
  await context.mailbox.next(caseId, isRecordsRequest);
  await pause();
  const presignedPuts = await uploadRecords(context.api, caseId, accessToken, pause);
  if (path === 'happy') {
    await review(context, caseId, agreeingOpinion(intake), 1);
  } else {
    await review(context, caseId, reversingOpinion(intake), 1);
    const third = await context.mailbox.next(caseId, approvalFor('third-opinion'));
    await pause();
    await expectStatus(
      await postForm(linkIn(context.api, third, 'approvals'), { decision: 'approve' }),
      200,
      'third-opinion approval',
    );
    await review(context, caseId, agreeingOpinion(intake), 2);
  }
  const status = await context.settled(caseId);
  return { caseId, status, presignedPuts };
}
