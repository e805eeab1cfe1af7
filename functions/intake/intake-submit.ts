import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { encodeFormErrors, type FormError } from '../schemas/intake-form-fields.js';
import { formErrors, intakeFromForm, type FormFields } from '../schemas/intake-form.js';
import { IdempotencyKeySchema, IntakeSchema } from '../schemas/intake.js';
import { IdempotencyMismatchError, withoutPersonalData } from '../shared/errors.js';
import { header, json } from '../middleware/http.js';
import { decodeBody, ONE_MIB } from '../middleware/request-body.js';
import { logger } from '../shared/logger.js';
import { SECURITY_HEADERS } from '../shared/security-headers.js';
import { fieldErrors, parseOrThrow } from '../shared/validation.js';
import { localeOf, type Locale } from '../views/i18n/locale.js';
import { createCase, type CreateCasePorts } from '../use-cases/create-case.js';
import { receiptCookie } from './intake-receipt.js';

/**
 * POST `/` and `/intake`: the intake form, through the same schema and use-case as `POST /cases`, answered by
 * redirects to the intake page's function, which holds every word (this one holds the schema; both together
 * are over one function's bundle budget). A stored case: 303 to the receipt (Post/Redirect/Get). Mistakes, or
 * a fault: 307, so the browser sends the same form to the page that shows it again with them. A JSON body is
 * answered as `POST /cases` answers it.
 */
export async function submitIntake(
  event: APIGatewayProxyEvent,
  ports: CreateCasePorts,
): Promise<APIGatewayProxyResult> {
  const body = decodeBody(event, { maxBytes: ONE_MIB, forms: true });
  if (!body.form) return submitJson(event, body.value, ports);
  const fields = body.value as FormFields;
  const locale = localeOf(fields.lang);
  const intake = IntakeSchema.safeParse(intakeFromForm(fields));
  if (!intake.success) return correct(locale, formErrors(fieldErrors(intake.error.issues), fields));
  const key = IdempotencyKeySchema.safeParse(fields.idempotencyKey || undefined);
  if (!key.success) return correct(locale, [{ field: 'form', code: 'invalid' }]);
  try {
    const created = await createCase(intake.data, key.data, ports);
    return redirect(303, `intake/received?lang=${locale}`, { 'Set-Cookie': receiptCookie(created) });
  } catch (error) {
    if (error instanceof IdempotencyMismatchError)
      return correct(locale, [{ field: 'form', code: 'duplicate' }]);
    // Nothing is lost: the form comes back as typed, and sending it again with its key finishes a case that
    // was stored (create-case's retry), or stores it.
    logger.error('Intake form failed', { error: withoutPersonalData(error) as Error, path: event.resource });
    return correct(locale, [{ field: 'form', code: 'server' }]);
  }
}

async function submitJson(event: APIGatewayProxyEvent, body: unknown, ports: CreateCasePorts) {
  const intake = parseOrThrow(IntakeSchema, body, 'intake');
  const key = parseOrThrow(IdempotencyKeySchema, header(event, 'idempotency-key'), 'Idempotency-Key header', [
    'Idempotency-Key',
  ]);
  const created = await createCase(intake, key, ports);
  return json(201, created, { Location: created.links.self });
}

/** Relative to `/` and `/intake` alike, so they hold under any stage or base path. */
function redirect(
  status: 303 | 307,
  location: string,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return { statusCode: status, headers: { ...SECURITY_HEADERS, Location: location, ...headers }, body: '' };
}

const correct = (locale: Locale, errors: readonly FormError[]) =>
  redirect(
    307,
    `intake/corrections?${new URLSearchParams({ lang: locale, errors: encodeFormErrors(errors) })}`,
  );
