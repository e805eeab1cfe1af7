import type { APIGatewayProxyEvent } from 'aws-lambda';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from './errors.js';
import { header } from './http.js';

// Room for an opinion: 20 answers, a rationale, trials and references.
const MAX_FORM_BYTES = 256 * 1024;

/** A decision body: an HTML form post or JSON, as API.md allows. Headers must be normalized. */
export function decisionBody(event: APIGatewayProxyEvent): unknown {
  const raw = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64')
    : Buffer.from(event.body ?? '', 'utf8');
  if (raw.length > MAX_FORM_BYTES) throw new PayloadTooLargeError(MAX_FORM_BYTES);
  const mediaType = (header(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/x-www-form-urlencoded') {
    const fields: Record<string, string> = {};
    for (const [name, value] of new URLSearchParams(raw.toString('utf8'))) {
      if (name in fields)
        throw new ValidationError('The form is invalid', [{ path: name, message: 'Given more than once' }]);
      fields[name] = value;
    }
    return fields;
  }
  if (mediaType === 'application/json') {
    try {
      return JSON.parse(raw.toString('utf8'));
    } catch {
      throw new ValidationError('The request body is not valid JSON', [
        { path: '', message: 'Malformed JSON' },
      ]);
    }
  }
  throw new UnsupportedMediaTypeError('application/x-www-form-urlencoded or application/json');
}

/** JSON for programs that ask for it; HTML pages for people. */
export function wantsJson(event: APIGatewayProxyEvent): boolean {
  return /application\/(problem\+)?json/i.test(header(event, 'accept') ?? '');
}
