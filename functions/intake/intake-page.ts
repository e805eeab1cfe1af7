import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { PayerList } from '../domain/ports.js';
import { decodeFormErrors } from '../schemas/intake-form-fields.js';
import { header } from '../middleware/http.js';
import { decodeBody, ONE_MIB } from '../middleware/request-body.js';
import { UnsupportedMediaTypeError } from '../shared/errors.js';
import { requestLocale } from './request-locale.js';
import { intakePage } from '../views/intake-page.js';
import { intakeReceivedPage } from '../views/intake-received.js';
import { intakeWords } from '../views/intake-words.js';
import { CLEARED_RECEIPT_COOKIE, readReceipt } from './intake-receipt.js';
import { pageOrProblem } from './page-or-problem.js';

/**
 * The intake's pages, in the language the switch (`?lang=`) or the browser asks for:
 * - GET/HEAD `/` and `/intake`: the form, empty, with a fresh Idempotency-Key so a form sent twice makes one case;
 * - POST /intake/corrections: the form as intake-submit found it (the browser re-sends it after a 307), with the
 *   mistakes the query names;
 * - GET/HEAD /intake/received: the receipt intake-submit handed over, shown once.
 */
export async function showIntakePage(
  event: APIGatewayProxyEvent,
  ports: { payers: PayerList },
): Promise<APIGatewayProxyResult> {
  return pageOrProblem(event, async () => {
    const locale = requestLocale(event);
    // Relative to each page, so they hold under any stage or base path.
    const home = event.resource.startsWith('/intake/') ? '../intake' : 'intake';
    if (event.resource === '/intake/received') {
      const answer = intakeReceivedPage(locale, readReceipt(event), home);
      if (event.httpMethod === 'GET')
        answer.headers = { ...answer.headers, 'Set-Cookie': CLEARED_RECEIPT_COOKIE };
      return answer;
    }
    const corrections = event.resource === '/intake/corrections';
    const values = corrections
      ? formFields(event)
      : {
          preferredLanguage: locale,
          submittedBy: 'patient',
          urgency: 'routine',
          consultation: 'virtual',
          idempotencyKey: randomUUID(),
        };
    const errors = corrections ? decodeFormErrors(event.queryStringParameters?.errors) : [];
    const status = errors.some((e) => e.code === 'server') ? 500 : errors.length ? 400 : 200;
    const payers = await ports.payers.payers();
    return intakePage(
      {
        t: intakeWords(locale),
        payers,
        values,
        errors,
        action: home,
        formHref: home,
        linksAction: home.replace(/intake$/, 'links'),
      },
      status,
    );
  });
}

/** Only a browser's form comes back to be corrected: its fields as sent. */
function formFields(event: APIGatewayProxyEvent): Record<string, string> {
  if ((header(event, 'content-type') ?? '').includes('json'))
    throw new UnsupportedMediaTypeError('application/x-www-form-urlencoded');
  return decodeBody(event, { maxBytes: ONE_MIB, forms: true }).value as Record<string, string>;
}
