import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { PayerList } from '../../../functions/domain/ports.js';
import type { CreateCasePorts } from '../../../functions/use-cases/create-case.js';
import { showIntakePage } from '../../../functions/intake/intake-page.js';
import { readReceipt } from '../../../functions/intake/intake-receipt.js';
import { submitIntake } from '../../../functions/intake/intake-submit.js';
import { MemoryCaseStore, MemoryMailer, MemoryOutbox } from '../../support/fakes/memory-ports.js';
import { intakePorts } from '../../support/new-case.js';
import { exampleIntake } from '../../support/intake.js';

const FORM = {
  lang: 'es',
  idempotencyKey: 'form-key-1',
  firstName: 'Ana',
  lastName: 'Silva',
  dateOfBirth: '1968-04-02',
  email: 'ana@example.org',
  state: 'CA',
  preferredLanguage: 'es',
  cancer: 'breast',
  icd10: '',
  stage: 'IIA',
  firstOpinionPhysicianName: 'Dr. Lee',
  firstOpinionOrganization: 'Valley Oncology',
  treatment1: 'surgery',
  insurance: 'self-pay',
  'reason-confirm-diagnosis': 'yes',
  urgency: 'routine',
  consultation: 'virtual',
};

const PAYERS: PayerList = { payers: async () => [{ payerId: 'acme-health', name: 'Acme Health' }] };

function event(
  method: string,
  resource: string,
  options: {
    body?: string;
    type?: string;
    query?: Record<string, string>;
    headers?: Record<string, string>;
  } = {},
): APIGatewayProxyEvent {
  return {
    httpMethod: method,
    resource,
    path: resource,
    headers: { ...(options.type ? { 'Content-Type': options.type } : {}), ...options.headers },
    queryStringParameters: options.query ?? null,
    body: options.body ?? null,
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEvent;
}

const formPost = (resource: string, fields: Record<string, string>, query?: Record<string, string>) =>
  event('POST', resource, {
    body: new URLSearchParams(fields).toString(),
    type: 'application/x-www-form-urlencoded',
    query,
  });

function setup(mailer = new MemoryMailer()) {
  const cases = new MemoryCaseStore();
  const ports: CreateCasePorts = { ...intakePorts(cases), outbox: new MemoryOutbox(mailer) };
  /** The cases whose confirmation went out, in order. */
  const confirmed = () => mailer.sent.map((email) => /confirmations\/([0-9a-f-]{36})/.exec(email.text)?.[1]);
  return { cases, confirmed, ports };
}

/** Where a redirect sends the browser, resolved as the browser does from the page the form was on. */
const followed = (location: string) => new URL(location, 'https://concord.example/v1/');

describe('the intake form, sent', () => {
  it('stores the case through createCase and sends the browser to its receipt, in a cookie only', async () => {
    // Arrange
    const { cases, confirmed, ports } = setup();

    // Act
    const answer = await submitIntake(formPost('/', FORM), ports);

    // Assert
    expect(answer.statusCode).toBe(303);
    const location = String(answer.headers!.Location);
    expect(followed(location).pathname).toBe('/v1/intake/received');
    expect(location).toBe('intake/received?lang=es');
    const cookie = String(answer.headers!['Set-Cookie']);
    expect(cookie).toMatch(
      /^__Host-concord-receipt=.+; Max-Age=600; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
    );
    const receipt = readReceipt({ headers: { Cookie: cookie.split(';')[0]! } })!;
    expect(confirmed()).toEqual([receipt.caseId]);
    const stored = await cases.get(receipt.caseId);
    expect(stored).toMatchObject({
      status: 'awaiting-confirmation',
      cancerType: 'breast',
      intake: { diagnosis: { icd10: 'C50.919', stage: 'IIA' }, patient: { preferredLanguage: 'es' } },
    });
  });

  it('makes one case of a form sent twice (its idempotency key), with the same receipt', async () => {
    const { cases, confirmed, ports } = setup();
    const first = await submitIntake(formPost('/intake', FORM), ports);
    const second = await submitIntake(formPost('/intake', FORM), ports);
    expect(second.headers!['Set-Cookie']).toBe(first.headers!['Set-Cookie']);
    // One case, one confirmation email.
    expect(cases.allCases()).toHaveLength(1);
    expect(confirmed()).toHaveLength(1);
  });

  it('sends the form back with its mistakes named in the query, and stores nothing', async () => {
    // Arrange
    const { cases, confirmed, ports } = setup();

    // Act
    const answer = await submitIntake(
      formPost('/', { ...FORM, email: 'ana', cancer: '', firstName: '' }),
      ports,
    );

    // Assert
    expect(answer.statusCode).toBe(307);
    const location = followed(String(answer.headers!.Location));
    expect(location.pathname).toBe('/v1/intake/corrections');
    expect(Object.fromEntries(location.searchParams)).toEqual({
      lang: 'es',
      errors: 'firstName:required,email:invalid,icd10:required',
    });
    expect(confirmed()).toEqual([]);
    expect(cases.allCases()).toEqual([]);
  });

  it('sends the form back as typed when the confirmation could not be sent, so sending it again finishes it', async () => {
    // Arrange: the mailer fails once.
    const failing = new MemoryMailer();
    failing.failNext();
    const { cases, confirmed, ports } = setup(failing);

    // Act
    const failed = await submitIntake(formPost('/', FORM), ports);
    const retried = await submitIntake(formPost('/', FORM), ports);

    // Assert
    expect(failed.statusCode).toBe(307);
    expect(String(failed.headers!.Location)).toContain('errors=form%3Aserver');
    expect(retried.statusCode).toBe(303);
    expect(cases.allCases()).toHaveLength(1);
    expect(confirmed()).toHaveLength(1);
  });

  it('says the form was already sent when its key comes back with other answers', async () => {
    const { ports } = setup();
    await submitIntake(formPost('/', FORM), ports);
    const changed = await submitIntake(formPost('/', { ...FORM, stage: 'IIB' }), ports);
    expect(changed.statusCode).toBe(307);
    expect(String(changed.headers!.Location)).toContain('errors=form%3Aduplicate');
  });

  it('answers a JSON intake as POST /cases does', async () => {
    // Arrange
    const { ports } = setup();
    const post = (body: unknown) =>
      submitIntake(event('POST', '/', { body: JSON.stringify(body), type: 'application/json' }), ports);

    // Act
    const created = await post(exampleIntake());
    const refused = post({ ...exampleIntake(), urgency: 'tomorrow' });

    // Assert
    expect(created.statusCode).toBe(201);
    expect(JSON.parse(created.body)).toEqual(
      expect.objectContaining({ caseId: expect.any(String), accessToken: expect.any(String) }),
    );
    await expect(refused).rejects.toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ path: 'urgency' })],
    });
  });
});

describe('the intake pages', () => {
  it('render the form in the language asked for, with a fresh idempotency key each time', async () => {
    const headers = { 'Accept-Language': 'es-MX,es;q=0.9' };
    const first = await showIntakePage(event('GET', '/', { headers }), { payers: PAYERS });
    const second = await showIntakePage(event('GET', '/intake', { query: { lang: 'en' }, headers }), {
      payers: PAYERS,
    });
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('<html lang="es">');
    expect(second.body).toContain('<html lang="en">');
    const key = (body: string) => /name="idempotencyKey" value="([^"]+)"/.exec(body)![1];
    expect(key(first.body)).not.toBe(key(second.body));
    expect(first.body).toContain('action="intake"');
  });

  it('show the form as it was sent, with the mistakes the query names, posting back to the form', async () => {
    // Act
    const answer = await showIntakePage(
      formPost('/intake/corrections', { ...FORM, email: 'ana' }, { lang: 'es', errors: 'email:invalid' }),
      { payers: PAYERS },
    );

    // Assert
    expect(answer.statusCode).toBe(400);
    expect(answer.body).toContain('value="ana"');
    expect(answer.body).toContain('name="idempotencyKey" value="form-key-1"');
    expect(answer.body).toContain('Escriba un correo electrónico como nombre@ejemplo.org.');
    expect(followed('intake/corrections').pathname).toBe('/v1/intake/corrections');
    expect(new URL('../intake', 'https://concord.example/v1/intake/corrections').pathname).toBe('/v1/intake');
    expect(answer.body).toContain('action="../intake"');
  });

  it('show the receipt once: the next time, that it was shown', async () => {
    // Arrange
    const { ports } = setup();
    const sent = await submitIntake(formPost('/', FORM), ports);
    const cookie = String(sent.headers!['Set-Cookie']).split(';')[0]!;
    const receipt = readReceipt({ headers: { cookie } })!;

    // Act
    const shown = await showIntakePage(
      event('GET', '/intake/received', { query: { lang: 'es' }, headers: { Cookie: `other=1; ${cookie}` } }),
      { payers: PAYERS },
    );
    const again = await showIntakePage(event('GET', '/intake/received', { query: { lang: 'es' } }), {
      payers: PAYERS,
    });

    // Assert
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain(receipt.caseId);
    expect(shown.body).toContain(receipt.accessToken);
    expect(shown.headers!['Set-Cookie']).toMatch(/^__Host-concord-receipt=; Max-Age=0;/);
    expect(again.statusCode).toBe(410);
    expect(again.body).not.toContain(receipt.caseId);
  });

  it('refuse a JSON body where only the browser re-sends a form', async () => {
    const answer = await showIntakePage(
      event('POST', '/intake/corrections', { body: '{}', type: 'application/json' }),
      { payers: PAYERS },
    );
    expect(answer.statusCode).toBe(415);
    expect(answer.headers!['Content-Type']).toMatch(/text\/html/);
  });
});
