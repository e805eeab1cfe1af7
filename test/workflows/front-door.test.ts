/**
 * The front door's people on the local stack (issue 20 §3, §4, §6; issue 23): the intake waits for its
 * submitter's confirmation and emails no one else; confirmation starts it, once; unconfirmed intakes expire and
 * are deleted with their records; one address has a daily cap; status links are grants that can be taken back,
 * and "email me my link again" answers the same whether or not it matched.
 */
import { DynamoGrants } from '../../functions/adapters/dynamo-grants.js';
import { ItemClient } from '../../functions/adapters/item-client.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { revokeCaseLinks } from '../../functions/use-cases/grants.js';
import {
  confirmationLink,
  sesEmails,
  signedLinkPattern,
  submitIntake,
  submitUnconfirmed,
  TABLE_NAME,
  viewCase,
  waitForEmail,
  waitForStatus,
  type SesEmail,
  type StackHandle,
} from '../support/stack/inbox.js';
import { withTamperedSig } from '../support/signatures.js';
import { objectExists } from '../support/stack/records-email.js';
import { listRecords, uploadRecord } from '../support/stack/records.js';
import { exampleIntake, pollUntil } from '../support/stack/stack.js';
import { useTestStack } from '../support/stack/use-test-stack.js';

const FORM = 'application/x-www-form-urlencoded';

/** An intake from its own addresses, so this file's counts and inboxes are its own. */
function intakeFrom(
  tag: string,
  change: (draft: ReturnType<typeof exampleIntake>) => void = () => undefined,
) {
  const draft = exampleIntake();
  draft.patient.email = `patient-${tag}@front-door.example`;
  draft.referringPhysician!.email = `physician-${tag}@front-door.example`;
  change(draft);
  return draft;
}

const to = (address: string) => (email: SesEmail) => email.destination.to.includes(address);
const statusLinkIn = (stack: StackHandle, email: SesEmail) =>
  (email.body.text ?? '').match(signedLinkPattern(stack, 'status'))![0];

describe('confirmation, status links and their grants', () => {
  const stack = useTestStack();

  it('emails only the submitter until confirmation; GET and HEAD change nothing; POST starts the case once', async () => {
    // Arrange
    const intake = intakeFrom('confirm');
    const created = await submitUnconfirmed(stack, intake);
    const link = await confirmationLink(stack, created.caseId);

    // Act: the page twice, a tampered POST, then the real one twice
    const page = await fetch(link);
    const head = await fetch(link, { method: 'HEAD' });
    const tampered = await fetch(withTamperedSig(link), { method: 'POST' });
    const before = await viewCase(stack, created);
    const arn = stack.stepFunctions.executionArn(created.caseId);
    const executionBefore = (() => {
      try {
        return stack.stepFunctions.describe(arn).status;
      } catch (error) {
        return (error as Error).name;
      }
    })();
    const confirmed = await fetch(link, {
      method: 'POST',
      headers: { 'Content-Type': FORM },
      body: 'confirm=yes',
    });
    const again = await fetch(link, { method: 'POST' });

    // Assert
    expect(created).toMatchObject({ status: 'awaiting-confirmation' });
    expect([page.status, head.status, tampered.status, confirmed.status, again.status]).toEqual([
      200, 200, 403, 200, 409,
    ]);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toContain('Yes, this is my request');
    expect(before.status).toBe('awaiting-confirmation');
    expect(executionBefore).toBe('ExecutionDoesNotExist');
    await waitForStatus(stack, created, 'gathering-records');
    const sent = (await sesEmails(stack)).filter(
      (e) => to(intake.referringPhysician!.email)(e) || to(intake.patient.email)(e),
    );
    expect(sent[0]!.destination.to).toEqual([intake.patient.email]);
  });

  it('then introduces the physician, and acknowledges the patient, each with a status link, before any request', async () => {
    // Arrange
    const intake = intakeFrom('intro');

    // Act
    const created = await submitIntake(stack, intake);
    const intro = await waitForEmail(stack, to(intake.referringPhysician!.email), 'the introduction');
    const records = await waitForEmail(
      stack,
      (e) => e.subject.startsWith('Records needed') && e.subject.includes(created.caseId),
      'the records request',
    );

    // Assert
    const all = await sesEmails(stack);
    expect(all.filter(to(intake.referringPhysician!.email))[0]!.subject).toBe(intro.subject);
    expect(intro.subject).toContain('Your patient asked for a second opinion');
    expect(all.findIndex((e) => e.subject === intro.subject)).toBeLessThan(
      all.findIndex((e) => e.subject === records.subject),
    );
    const toPatient = all.filter(to(intake.patient.email)).map((e) => e.subject);
    expect(toPatient[0]).toMatch(/^Confirm your second-opinion request/);
    expect(toPatient).toContain(`We have started on your second-opinion request ${created.caseId}`);
    expect(statusLinkIn(stack, intro)).toBeDefined();
  });

  it('shows the status page to the holder of a status link, in plain words and patient-facing events only', async () => {
    // Arrange
    const intake = intakeFrom('status');
    const created = await submitIntake(stack, intake);
    await waitForStatus(stack, created, 'gathering-records');
    const ack = await waitForEmail(
      stack,
      (e) => e.subject.startsWith('We have started') && to(intake.patient.email)(e),
      'ack',
    );
    const link = statusLinkIn(stack, ack);

    // Act
    const page = await fetch(link);
    const head = await fetch(link, { method: 'HEAD' });
    const json = await fetch(link, { headers: { Accept: 'application/json' } });
    const tampered = await fetch(withTamperedSig(link));

    // Assert
    expect([page.status, head.status, json.status, tampered.status]).toEqual([200, 200, 200, 403]);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('Gathering your medical records');
    expect(html).toContain('We received your request');
    expect(html).toContain('Email me my link again');
    // The physician uploads here: the patient is told so, and gets no upload link of their own.
    expect(html).toContain('with the secure link we emailed for them');
    for (const hidden of ['coordinator@', 'concord.local', 'Error', 'specialist-proposed'])
      expect(html).not.toContain(hidden);
    const view = (await json.json()) as { status: string; timeline: Array<{ type: string; actor?: string }> };
    expect(view.status).toBe('gathering-records');
    expect(view.timeline.every((event) => event.actor === undefined)).toBe(true);
  });

  it('gives the physician, who uploads, the upload link on their status page', async () => {
    // Arrange
    const intake = intakeFrom('upload');
    const created = await submitIntake(stack, intake);
    await waitForStatus(stack, created, 'gathering-records');
    const intro = await waitForEmail(stack, to(intake.referringPhysician!.email), 'the introduction');

    // Act
    const html = await (await fetch(statusLinkIn(stack, intro))).text();

    // Assert
    expect(html).toMatch(/href="http:\/\/127\.0\.0\.1:\d+\/uploads\/[A-Za-z0-9_-]+\?sig=/);
  });

  it('emails a fresh link only to an address on file, answering 202 alike, and takes every link back on request', async () => {
    // Arrange
    const intake = intakeFrom('again');
    const created = await submitIntake(stack, intake);
    const ack = await waitForEmail(
      stack,
      (e) => e.subject.startsWith('We have started') && to(intake.patient.email)(e),
      'ack',
    );
    const first = statusLinkIn(stack, ack);
    const ask = (email: string) =>
      stack.api('/links', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ caseId: created.caseId, email }),
      });

    // Act
    const stranger = await ask('stranger@elsewhere.example');
    const unknownCase = await stack.api('/links', {
      method: 'POST',
      headers: { 'Content-Type': FORM },
      body: new URLSearchParams({
        caseId: '00000000-0000-4000-8000-000000000000',
        email: intake.patient.email,
      }),
    });
    const owner = await ask(intake.patient.email.toUpperCase());
    const fresh = await waitForEmail(stack, (e) => e.subject.startsWith('Your link to'), 'the fresh link');
    const db = new DynamoDBClient({ endpoint: stack.urls.dynamodb });
    try {
      await revokeCaseLinks(created.caseId, { grants: new DynamoGrants(new ItemClient(db), TABLE_NAME) });
    } finally {
      db.destroy();
    }
    const afterRevoke = await Promise.all([fetch(first), fetch(statusLinkIn(stack, fresh))]);

    // Assert
    expect([stranger.status, unknownCase.status, owner.status]).toEqual([202, 202, 202]);
    expect(await stranger.json()).toEqual(await owner.json());
    expect(await unknownCase.text()).toContain('If the request number and email address match our records');
    const freshEmails = (await sesEmails(stack)).filter((e) => e.subject.startsWith('Your link to'));
    expect(freshEmails.map((e) => e.destination.to)).toEqual([[intake.patient.email]]);
    expect(afterRevoke.map((r) => r.status)).toEqual([410, 410]);
    expect(await afterRevoke[0]!.text()).toContain('Email me my link again');
  });

  it('writes the confirmation, the emails and the status page in Spanish for a Spanish-speaking patient', async () => {
    // Arrange
    const intake = intakeFrom('es', (draft) => {
      draft.patient.preferredLanguage = 'es';
    });

    // Act
    const created = await submitIntake(stack, intake);
    const ack = await waitForEmail(
      stack,
      (e) => e.subject.startsWith('Empezamos') && to(intake.patient.email)(e),
      'el acuse',
    );
    const page = await fetch(statusLinkIn(stack, ack));

    // Assert
    const subjects = (await sesEmails(stack)).filter(to(intake.patient.email)).map((e) => e.subject);
    expect(subjects[0]).toBe(`Confirme su solicitud de segunda opinión ${created.caseId}`);
    expect(page.headers.get('content-language')).toBe('es');
    expect(await page.text()).toContain('Recibimos su solicitud');
  });
});

describe('the per-address cap, and expiry of what is never confirmed', () => {
  const stack = useTestStack(
    {
      settings: {
        CONCORD_INTAKES_PER_ADDRESS: '2',
        CONCORD_CONFIRMATION_SECONDS: '2',
        CONCORD_SWEEP_SECONDS: '1',
      },
    },
    { freshModules: true },
  );

  it('refuses a third intake from one address in a day with 429 naming no address, and sends nothing for it', async () => {
    // Arrange
    const intake = intakeFrom('cap');
    await submitUnconfirmed(stack, intake);
    await submitUnconfirmed(stack, intake);

    // Act
    const third = await stack.api('/cases', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(intake),
    });

    // Assert
    expect(third.status).toBe(429);
    expect(third.headers.get('content-type')).toBe('application/problem+json');
    const text = await third.text();
    expect(text).not.toContain('front-door.example');
    expect((await sesEmails(stack)).filter(to(intake.patient.email))).toHaveLength(2);
  });

  it('deletes an unconfirmed intake once its time is up, with its events and records, and its link says so', async () => {
    // Arrange
    const intake = intakeFrom('expire');
    const created = await submitUnconfirmed(stack, intake);
    const link = await confirmationLink(stack, created.caseId);
    const grant = await uploadRecord(stack.urls.api, created.caseId, created.accessToken, 'imaging');
    await pollUntil(
      () => listRecords(stack.urls.api, created.caseId, created.accessToken),
      (view) => JSON.stringify(view).includes('imaging'),
      { what: 'the record announced' },
    );

    // Act: the sweeper runs every second; the confirmation time is two
    const gone = await pollUntil(
      () =>
        stack.api(`/cases/${created.caseId}`, {
          headers: { Authorization: `Bearer ${created.accessToken}` },
        }),
      (response) => response.status === 404,
      { attempts: 100, intervalMs: 100, what: 'the expired intake to be deleted' },
    );
    const confirm = await fetch(link, { method: 'POST' });

    // Assert
    expect(gone.status).toBe(404);
    expect(confirm.status).toBe(410);
    const db = new ItemClient(new DynamoDBClient({ endpoint: stack.urls.dynamodb }));
    const left = await db.query({
      TableName: TABLE_NAME,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `CASE#${created.caseId}` },
    });
    expect(left.Items).toEqual([]);
    const key = decodeURIComponent(new URL(grant.uploadUrl).pathname.split('/').slice(2).join('/'));
    expect(await objectExists(stack, key)).toBe(false);
  });
});

describe('bounces and complaints', () => {
  // A fresh module registry: the handlers' clients of the stacks above point at ports now closed.
  const stack = useTestStack({}, { freshModules: true });

  it("suppresses a physician's address that bounced, marks the contact undeliverable, and tells the coordinator once", async () => {
    // Arrange
    const intake = intakeFrom('bounce');
    const created = await submitIntake(stack, intake);
    await waitForEmail(stack, to(intake.referringPhysician!.email), 'the introduction');
    const bounce = {
      source: 'aws.ses',
      'detail-type': 'Email Bounced',
      detail: {
        eventType: 'Bounce',
        bounce: {
          bounceType: 'Permanent',
          bouncedRecipients: [{ emailAddress: intake.referringPhysician!.email }],
        },
        mail: { tags: { case: [created.caseId], 'ses:configuration-set': ['concord'] } },
      },
    };

    // Act: SES may publish an event more than once
    await stack.emailFeedback(bounce);
    await stack.emailFeedback(bounce);
    const linkAsked = await stack.api('/links', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ caseId: created.caseId, email: intake.referringPhysician!.email }),
    });

    // Assert
    const suppressed = (await (await fetch(`${stack.urls.sesInbox}/suppressed`)).json()) as {
      addresses: Array<{ emailAddress: string; reason: string }>;
    };
    expect(suppressed.addresses).toContainEqual({
      emailAddress: intake.referringPhysician!.email,
      reason: 'BOUNCE',
    });
    const view = await viewCase(stack, created);
    expect(view.timeline.filter((event) => event.type === 'contact-undeliverable')).toEqual([
      expect.objectContaining({ detail: 'physician: bounce' }),
    ]);
    const alerts = (await sesEmails(stack)).filter(
      (e) => e.subject.startsWith('Needs attention: the physician') && e.subject.includes(created.caseId),
    );
    expect(alerts).toHaveLength(1);
    expect(JSON.stringify(alerts[0])).not.toContain(intake.referringPhysician!.email);
    expect(linkAsked.status).toBe(202);
    expect((await sesEmails(stack)).filter((e) => e.subject.startsWith('Your link to'))).toEqual([]);
  });

  it('ignores a transient bounce: nothing is suppressed or marked', async () => {
    // Arrange
    const intake = intakeFrom('transient');
    const created = await submitIntake(stack, intake);

    // Act
    await stack.emailFeedback({
      'detail-type': 'Email Bounced',
      detail: {
        eventType: 'Bounce',
        bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: intake.patient.email }] },
        mail: { tags: { case: [created.caseId] } },
      },
    });

    // Assert
    const suppressed = await (await fetch(`${stack.urls.sesInbox}/suppressed`)).text();
    expect(suppressed).not.toContain(intake.patient.email);
    expect((await viewCase(stack, created)).timeline.map((e) => e.type)).not.toContain(
      'contact-undeliverable',
    );
  });
});
