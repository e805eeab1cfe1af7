import { signLink } from '../../functions/domain/signed-link.js';
import {
  aboutCase,
  approvalLink,
  callbackIdOf,
  CallbackTable,
  isApprovalRequest,
  type Phi,
  settlePending,
  currentLinkKey,
  uncoveredIntake,
  waitForEmail,
  waitForStatus,
} from '../support/stack/approvals.js';
import {
  COORDINATOR,
  FORM,
  linksIn,
  postForm,
  sesEmails,
  submitIntake,
  viewCase,
  type CaseView,
  type Created,
  type SesEmail,
} from '../support/stack/inbox.js';
import { uploadRequiredRecords } from '../support/stack/records.js';
import { matchProposal, waitForProposal } from '../support/stack/review.js';
import type { TestStack } from '../support/stack/stack.js';
import { useTestStack } from '../support/stack/use-test-stack.js';
import { SIG_PATTERN, sigParts } from '../support/signatures.js';

const TEST_MS = 45_000;

/** An uncovered case waiting for the coordinator, and the link the coordinator was emailed. */
interface PendingApproval {
  created: Created;
  phi: Phi;
  email: SesEmail;
  link: string;
  callbackId: string;
}

/** Every approval requested in this file, settled in afterAll so no workflow is left waiting. */
const requested: PendingApproval[] = [];

async function pendingApproval(stack: TestStack): Promise<PendingApproval> {
  const { intake, phi } = uncoveredIntake();
  const created = await submitIntake(stack, intake);
  const email = await waitForEmail(
    stack,
    isApprovalRequest(created.caseId),
    `the approval email for case ${created.caseId}`,
  );
  const link = approvalLink(stack, email);
  const pending = { created, phi, email, link, callbackId: callbackIdOf(link) };
  requested.push(pending);
  return pending;
}

/**
 * Every required record arrives: an approved case then goes on past the records, to a specialist
 * proposed to the coordinator (what follows, the review, is not these tests' concern).
 */
async function recordsArrive(stack: TestStack, created: Created): Promise<CaseView> {
  await uploadRequiredRecords(stack.urls.api, created.caseId, created.accessToken);
  return waitForProposal(stack, created);
}

const decidedEvents = (view: CaseView) => view.timeline.filter((event) => event.type === 'approval-decided');

/** The link with one character of its MAC changed. */
function tampered(link: string): string {
  const url = new URL(link);
  const [expiry, mac] = url.searchParams.get('sig')!.split('.') as [string, string];
  url.searchParams.set('sig', `${expiry}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`);
  return url.href;
}

/** The same link signed (with the stack's own key) for another id or expiry. */
async function resigned(
  stack: TestStack,
  link: string,
  changes: { id?: string; expiresAt?: number },
): Promise<string> {
  const url = new URL(link);
  const id = changes.id ?? callbackIdOf(link);
  const expiresAt = changes.expiresAt ?? sigParts(url.searchParams.get('sig')!).expiry;
  url.pathname = `/approvals/${id}`;
  url.searchParams.set('sig', signLink(await currentLinkKey(stack), id, 'approvals', expiresAt));
  return url.href;
}

async function problemOf(
  response: Response,
): Promise<{ status: number; title: string; errors?: Array<{ path: string }> }> {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await response.json()) as { status: number; title: string; errors?: Array<{ path: string }> };
}

/** Asserts the approval is exactly as it was: still pending, nothing decided, the workflow still waiting. */
async function expectStillPending(stack: TestStack, callbacks: CallbackTable, pending: PendingApproval) {
  const view = await viewCase(stack, pending.created);
  expect(view.status).toBe('awaiting-coordinator');
  expect(decidedEvents(view)).toEqual([]);
  const item = await callbacks.get(pending.callbackId);
  expect(item).toMatchObject({ status: 'pending' });
  expect(item).not.toHaveProperty('decision');
}

describe('coordinator approvals by email, on the embedded stack', () => {
  let callbacks: CallbackTable;
  const stack = useTestStack(
    {},
    {
      async beforeStop(running) {
        await settlePending(running, callbacks, requested.splice(0));
        callbacks?.destroy();
      },
    },
  );

  beforeAll(() => {
    callbacks = new CallbackTable(stack);
  });

  describe('the happy path: approve as self-pay', () => {
    const COMMENT = 'Patient agreed to self-pay by phone & email';
    let pending: PendingApproval;

    beforeAll(async () => {
      pending = await pendingApproval(stack);
    }, TEST_MS);

    it('emails the coordinator a text and an HTML part carrying the same signed link', () => {
      const { email, link, callbackId } = pending;

      expect(email.destination.to).toEqual([COORDINATOR]);
      expect(email.subject).toBe(`Approval needed: case ${pending.created.caseId} (coverage not confirmed)`);
      expect(email.body.text).toEqual(expect.stringContaining(link));
      expect(email.body.html).toEqual(expect.stringContaining(`href="${link}"`));
      expect(link).toMatch(new RegExp(`^${stack.urls.api}/approvals/${callbackId}\\?sig=${SIG_PATTERN}$`));
      expect(callbackId).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    });

    it('renders a page that posts back to the link, under strict headers, with the case id and no PHI', async () => {
      const { created, phi, link } = pending;

      const page = await fetch(link);

      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy')).toEqual(
        expect.stringContaining("default-src 'none'"),
      );
      expect(page.headers.get('content-security-policy')).toEqual(
        expect.stringContaining("form-action 'self'"),
      );
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.headers.get('cache-control')).toBe('no-store');
      const html = await page.text();
      const form = /<form\b[^>]*>/i.exec(html)?.[0] ?? '';
      expect(form).toMatch(/method="post"/i);
      const action = /action="([^"]*)"/.exec(form)?.[1];
      expect(new URL(action!.replace(/&amp;/g, '&'), link).href).toBe(link);
      expect(html).toContain(created.caseId);
      // In words: what is asked, and a payer the directory does not know, said so.
      expect(html).toContain('<h1>Approval needed: coverage not confirmed</h1>');
      expect(html).toContain('nobody-health (not in the directory)');
      for (const value of Object.values(phi)) expect(html).not.toContain(value);
      expect((await viewCase(stack, created)).status).toBe('awaiting-coordinator');
    });

    it('records an approval of API.md’s fields alone on the basis the page opens with, and the case goes on to matching a specialist', async () => {
      const { created, link } = pending;

      const answer = await postForm(link, { decision: 'approve', comment: COMMENT });

      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await answer.text()).toContain('Decision recorded');
      const view = await recordsArrive(stack, created);
      expect(decidedEvents(view)).toEqual([
        expect.objectContaining({ actor: COORDINATOR, detail: expect.stringContaining(COMMENT) }),
      ]);
      expect(decidedEvents(view)[0]!.detail).toContain('coverage: approve as self-pay');
      const states = stack.stepFunctions.statesEntered(stack.stepFunctions.executionArn(created.caseId));
      expect(states).toContain('MatchSpecialist');
      expect(states).not.toContain('CloseCase');
      // The case now waits on the coordinator again, for the specialist: a new approval, not this one.
      await matchProposal(stack, created.caseId);
    });

    it('answers a second decision with a 409 page saying it was already decided, changing nothing', async () => {
      const { created, link } = pending;

      const again = await postForm(link, { decision: 'reject' });

      expect(again.status).toBe(409);
      expect(again.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await again.text();
      expect(html).toMatch(/already decided/i);
      expect(html).toContain(COORDINATOR);
      const view = await viewCase(stack, created);
      expect(view.status).toBe('awaiting-coordinator');
      expect(view.timeline.filter((event) => event.type === 'approval-requested').at(-1)?.detail).toBe(
        'specialist-match',
      );
      expect(decidedEvents(view)).toHaveLength(1);
    });

    it('answers a second decision asking for JSON with 409 problem+json', async () => {
      const again = await postForm(pending.link, { decision: 'approve', basis: 'exception' }, true);

      expect(again.status).toBe(409);
      expect(await problemOf(again)).toMatchObject({ status: 409 });
    });

    it('answers 409 to opening the link after the decision', async () => {
      const page = await fetch(pending.link);

      expect(page.status).toBe(409);
      expect(await page.text()).toMatch(/already decided/i);
    });
  });

  describe('every answer code, over HTTP', () => {
    let pending: PendingApproval;

    beforeAll(async () => {
      pending = await pendingApproval(stack);
    }, TEST_MS);

    it('403 for a tampered or missing signature, as a page and as problem+json', async () => {
      const bad = tampered(pending.link);
      const unsigned = pending.link.split('?')[0]!;

      const answers = await Promise.all([
        fetch(bad),
        fetch(unsigned),
        postForm(bad, { decision: 'approve', basis: 'self-pay' }),
        fetch(bad, { headers: { Accept: 'application/json' } }),
        postForm(unsigned, { decision: 'reject' }, true),
      ]);

      expect(answers.map((answer) => answer.status)).toEqual([403, 403, 403, 403, 403]);
      expect(answers[0]!.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await problemOf(answers[3]!)).toMatchObject({ status: 403 });
      expect(await problemOf(answers[4]!)).toMatchObject({ status: 403 });
      await expectStillPending(stack, callbacks, pending);
    });

    it('403, not 404, for a random id with a random signature (the signature is checked first)', async () => {
      const random = `${stack.urls.api}/approvals/${'x'.repeat(32)}?sig=${pending.link.split('sig=')[1]}`;

      expect((await fetch(random)).status).toBe(403);
    });

    it('404 for a validly signed id that does not exist', async () => {
      const unknown = await resigned(stack, pending.link, { id: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });

      const answers = await Promise.all([
        fetch(unknown),
        fetch(unknown, { headers: { Accept: 'application/json' } }),
        postForm(unknown, { decision: 'approve', basis: 'self-pay' }),
      ]);

      expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404]);
      expect(await problemOf(answers[1]!)).toMatchObject({ status: 404 });
      await expectStillPending(stack, callbacks, pending);
    });

    it('410 for the real id signed with an expiry in the past', async () => {
      const expired = await resigned(stack, pending.link, { expiresAt: Math.floor(Date.now() / 1000) - 60 });

      const answers = await Promise.all([
        fetch(expired),
        postForm(expired, { decision: 'approve', basis: 'self-pay' }),
        postForm(expired, { decision: 'reject' }, true),
      ]);

      expect(answers.map((answer) => answer.status)).toEqual([410, 410, 410]);
      const page = await answers[0]!.text();
      expect(page).toMatch(/expired/i);
      // What to do next: staff ask the care team for a fresh link.
      expect(page.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')).toContain(
        `For a fresh link, ask the care team: ${COORDINATOR}`,
      );
      expect(page).toContain(`href="mailto:${COORDINATOR}"`);
      expect(await problemOf(answers[2]!)).toMatchObject({ status: 410 });
      await expectStillPending(stack, callbacks, pending);
    });

    it.each([
      ['an unknown decision', { decision: 'maybe' }, 'decision'],
      [
        'approve on a basis coverage approvals do not allow',
        { decision: 'approve', basis: 'chase' },
        'basis',
      ],
      ['an unknown field', { decision: 'reject', priority: 'high' }, ''],
    ])('400 for %s, as a page and as problem+json, changing nothing', async (_label, fields, path) => {
      const [page, problem] = await Promise.all([
        postForm(pending.link, fields as Record<string, string>),
        postForm(pending.link, fields as Record<string, string>, true),
      ]);

      expect(page.status).toBe(400);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toMatch(/nothing was changed/i);
      expect(problem.status).toBe(400);
      const body = (await problem.json()) as { status: number; errors?: Array<{ path: string }> };
      expect(body.status).toBe(400);
      if (path) expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
      await expectStillPending(stack, callbacks, pending);
    });

    it('400 for a field given twice', async () => {
      const answer = await fetch(pending.link, {
        method: 'POST',
        headers: { 'Content-Type': FORM },
        body: 'decision=reject&decision=approve&basis=self-pay',
      });

      expect(answer.status).toBe(400);
      await expectStillPending(stack, callbacks, pending);
    });

    it('415 for a text/plain body, as a page and as problem+json', async () => {
      const send = (json: boolean) =>
        fetch(pending.link, {
          method: 'POST',
          headers: { 'Content-Type': 'text/plain', ...(json ? { Accept: 'application/json' } : {}) },
          body: 'decision=approve&basis=self-pay',
        });

      const [page, problem] = await Promise.all([send(false), send(true)]);

      expect(page.status).toBe(415);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(problem.status).toBe(415);
      expect(await problemOf(problem)).toMatchObject({ status: 415 });
      await expectStillPending(stack, callbacks, pending);
    });

    // The limit leaves room for a specialist's opinion (answers, rationale, references) on the same route kind.
    it('413 for a form over 256 KiB', async () => {
      const answer = await postForm(pending.link, { decision: 'reject', comment: 'x'.repeat(260 * 1024) });

      expect(answer.status).toBe(413);
      await expectStillPending(stack, callbacks, pending);
    });

    it('after all those refusals, still takes a real decision (a JSON body this time)', async () => {
      const answer = await fetch(pending.link, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ decision: 'approve', basis: 'exception' }),
      });

      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({
        status: 'recorded',
        decision: 'approve',
        basis: 'exception',
        decidedBy: COORDINATOR,
      });
      await recordsArrive(stack, pending.created);
    });
  });

  it(
    'on reject, closes the case and tells the patient without any PHI in the email',
    async () => {
      // Arrange
      const pending = await pendingApproval(stack);

      // Act
      const answer = await postForm(pending.link, { decision: 'reject', comment: 'Not eligible' });

      // Assert
      expect(answer.status).toBe(200);
      const view = await waitForStatus(stack, pending.created, 'closed');
      expect(decidedEvents(view)).toEqual([expect.objectContaining({ actor: COORDINATOR })]);
      const states = stack.stepFunctions.statesEntered(
        stack.stepFunctions.executionArn(pending.created.caseId),
      );
      expect(states).toContain('CloseCase');
      expect(states).not.toContain('FinishCase');
      const toPatient = await waitForEmail(
        stack,
        (email) => email.destination.to.includes(pending.phi.email),
        `the closing email to ${pending.phi.email}`,
      );
      expect(toPatient.subject).toContain(pending.created.caseId);
      const emails = (await sesEmails(stack)).filter(aboutCase(pending.created.caseId));
      expect(emails.length).toBeGreaterThanOrEqual(2);
      const { email: _address, ...phiInBody } = pending.phi;
      for (const email of emails) {
        for (const part of [email.subject, email.body.text ?? '', email.body.html ?? '']) {
          for (const value of Object.values(phiInBody)) expect(part).not.toContain(value);
          expect(part).not.toContain(pending.phi.email);
        }
      }
    },
    TEST_MS,
  );

  it(
    'lets mail scanners GET and HEAD every emailed link, repeatedly, without deciding anything',
    async () => {
      // Arrange
      const pending = await pendingApproval(stack);
      const links = new Set<string>();
      for (const email of await sesEmails(stack)) {
        for (const link of [...linksIn(email.body.text ?? ''), ...linksIn(email.body.html ?? '')])
          links.add(link);
      }
      expect(links).toContain(pending.link);

      // Act
      const statuses = new Map<string, number[]>();
      for (const link of links) {
        for (let round = 0; round < 3; round++) {
          for (const method of ['GET', 'HEAD']) {
            for (const accept of ['text/html', 'application/json']) {
              const response = await fetch(link, { method, headers: { Accept: accept } });
              await response.arrayBuffer();
              statuses.set(link, [...(statuses.get(link) ?? []), response.status]);
            }
          }
        }
      }

      // Assert
      expect(new Set(statuses.get(pending.link))).toEqual(new Set([200]));
      for (const [, seen] of statuses) for (const status of seen) expect(status).toBeLessThan(500);
      await expectStillPending(stack, callbacks, pending);
      const answer = await postForm(pending.link, { decision: 'approve', basis: 'self-pay' });
      expect(answer.status).toBe(200);
      await recordsArrive(stack, pending.created);
    },
    TEST_MS,
  );

  it(
    'lets exactly one of 20 simultaneous decisions win, and the workflow follows the winner',
    async () => {
      // Arrange
      const pending = await pendingApproval(stack);
      const answers = Array.from({ length: 20 }, (_, i): Record<string, string> =>
        i % 2 === 0 ? { decision: 'approve', basis: 'self-pay' } : { decision: 'reject' },
      );

      // Act
      const responses = await Promise.all(answers.map((fields) => postForm(pending.link, fields, true)));

      // Assert
      const bodies = await Promise.all(responses.map((r) => r.json() as Promise<Record<string, unknown>>));
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(19);
      const winner = bodies[statuses.indexOf(200)]!;
      expect(winner).toMatchObject({ status: 'recorded', decidedBy: COORDINATOR });
      const view =
        winner.decision === 'approve'
          ? await recordsArrive(stack, pending.created)
          : await waitForStatus(stack, pending.created, 'closed');
      expect(decidedEvents(view)).toHaveLength(1);
      expect(decidedEvents(view)[0]!.detail).toContain(String(winner.decision));
      expect(await callbacks.get(pending.callbackId)).toMatchObject({
        status: 'decided',
        decision: { decision: winner.decision },
      });
      const states = stack.stepFunctions.statesEntered(
        stack.stepFunctions.executionArn(pending.created.caseId),
      );
      expect(states).toContain(winner.decision === 'approve' ? 'MatchSpecialist' : 'CloseCase');
      expect(states).not.toContain(winner.decision === 'approve' ? 'CloseCase' : 'MatchSpecialist');
    },
    TEST_MS,
  );

  it(
    'never puts a task token in an email, a link or a page',
    async () => {
      // Arrange
      const pending = await pendingApproval(stack);
      const items = await callbacks.all();
      const tokens = items
        .map((item) => item.taskToken)
        .filter((token): token is string => typeof token === 'string');
      expect(tokens.length).toBe(items.length);
      expect(tokens.length).toBeGreaterThanOrEqual(1);
      const live = (await callbacks.get(pending.callbackId))!.taskToken as string;
      expect(live.length).toBeGreaterThanOrEqual(32);

      // Act
      const emails = await sesEmails(stack);
      const page = await (await fetch(pending.link)).text();
      const view = JSON.stringify(await viewCase(stack, pending.created));

      // Assert
      expect(emails.length).toBeGreaterThanOrEqual(items.length);
      for (const token of tokens) {
        for (const email of emails) {
          for (const part of [email.subject, email.body.text ?? '', email.body.html ?? '']) {
            expect(part).not.toContain(token);
            for (const link of linksIn(part)) expect(decodeURIComponent(link)).not.toContain(token);
          }
        }
        expect(page).not.toContain(token);
        expect(view).not.toContain(token);
      }
    },
    TEST_MS,
  );
});

describe('reminders and expiry, on a stack with a 4-second approval timeout and one reminder', () => {
  const stack = useTestStack(
    {
      // Long enough that a loaded machine still answers the reminder before the link expires (2 waits).
      settings: { CONCORD_APPROVAL_TIMEOUT_SECONDS: '4', CONCORD_APPROVAL_REMINDERS: '1' },
    },
    { freshModules: true },
  );

  it(
    'reminds once, then stops the case as needs-attention, alerts the coordinator, and the link answers 410',
    async () => {
      // Arrange
      const pending = await pendingApproval(stack);

      // Act
      const reminder = await waitForEmail(
        stack,
        (email) => email.subject.includes(pending.created.caseId) && /reminder 1/.test(email.subject),
        'the first reminder',
      );
      const view = await waitForStatus(stack, pending.created, 'needs-attention');

      // Assert
      expect(reminder.subject).toMatch(/^Approval needed/);
      expect(reminder.destination.to).toEqual([COORDINATOR]);
      expect(approvalLink(stack, reminder)).toBe(pending.link);
      const alert = await waitForEmail(
        stack,
        (email) =>
          email.subject.startsWith('Needs attention') && email.subject.includes(pending.created.caseId),
        'the needs-attention email',
      );
      expect(alert.destination.to).toEqual([COORDINATOR]);
      expect(alert.body.text).toMatch(
        /stopped because nobody answered the team's approval of [^\n]*, after every reminder/,
      );
      expect(alert.body.text).toContain(`/console/cases/${pending.created.caseId}`);
      expect(view.timeline.map((event) => event.type)).toEqual(
        expect.arrayContaining(['approval-requested', 'approval-expired', 'needs-attention']),
      );
      expect(decidedEvents(view)).toEqual([]);
      const reminders = (await sesEmails(stack)).filter(
        (email) => email.subject.includes(pending.created.caseId) && /reminder/.test(email.subject),
      );
      expect(reminders).toHaveLength(1);
      const [page, problem, post] = await Promise.all([
        fetch(pending.link),
        fetch(pending.link, { headers: { Accept: 'application/json' } }),
        postForm(pending.link, { decision: 'approve', basis: 'self-pay' }),
      ]);
      expect([page.status, problem.status, post.status]).toEqual([410, 410, 410]);
      expect(await page.text()).toMatch(/expired/i);
      expect((await viewCase(stack, pending.created)).status).toBe('needs-attention');
    },
    TEST_MS,
  );

  it(
    'still takes a decision after a reminder: the replayed step kept the emailed link working',
    async () => {
      // Arrange
      const pending = await pendingApproval(stack);
      await waitForEmail(
        stack,
        (email) => email.subject.includes(pending.created.caseId) && /reminder 1/.test(email.subject),
        'the first reminder',
      );

      // Act
      const answer = await postForm(pending.link, { decision: 'approve', basis: 'self-pay' });

      // Assert
      expect(answer.status).toBe(200);
      const view = await recordsArrive(stack, pending.created);
      expect(decidedEvents(view)).toHaveLength(1);
      expect(view.timeline.map((event) => event.type)).not.toContain('approval-expired');
    },
    TEST_MS,
  );
});
