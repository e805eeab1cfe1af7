import type middy from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../shared/errors.js';
import { header } from './http.js';

export const ONE_MIB = 1024 * 1024;

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

export interface BodyOptions {
  maxBytes: number;
  /** Whether an HTML form's post is taken besides JSON. */
  forms: boolean;
  /** Whether no body at all (of any or no media type) is taken, as `undefined`. */
  empty?: boolean;
}

/** A request body, decoded: JSON as parsed, a form as its fields (each given once). */
export interface DecodedBody {
  value: unknown;
  form: boolean;
}

function formFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    if (name in fields)
      throw new ValidationError('The form is invalid', [{ path: name, message: 'Given more than once' }]);
    fields[name] = value;
  }
  return fields;
}

/** Checks size and media type, then decodes the body: the one decoder of every request body. */
export function decodeBody(
  event: APIGatewayProxyEvent,
  { maxBytes, forms, empty }: BodyOptions,
): DecodedBody {
  const raw = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64')
    : Buffer.from(event.body ?? '', 'utf8');
  if (raw.length > maxBytes) throw new PayloadTooLargeError(maxBytes);
  if (empty && raw.length === 0) return { value: undefined, form: false };
  const mediaType = (header(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (forms && mediaType === FORM_TYPE) return { value: formFields(raw.toString('utf8')), form: true };
  if (mediaType !== JSON_TYPE)
    throw new UnsupportedMediaTypeError(forms ? `${FORM_TYPE} or ${JSON_TYPE}` : JSON_TYPE);
  try {
    return { value: JSON.parse(raw.toString('utf8')), form: false };
  } catch {
    throw new ValidationError('The request body is not valid JSON', [
      { path: '', message: 'Malformed JSON' },
    ]);
  }
}

export type JsonEvent = APIGatewayProxyEvent & { jsonBody: unknown };

/** Middleware: a JSON body (at most `maxBytes`, 1 MiB by default) decoded into `event.jsonBody`. */
export function jsonBody(options: { maxBytes?: number } = {}): middy.MiddlewareObj<APIGatewayProxyEvent> {
  const maxBytes = options.maxBytes ?? ONE_MIB;
  const jsonBodyBefore = async (request: middy.Request<APIGatewayProxyEvent>): Promise<void> => {
    (request.event as JsonEvent).jsonBody = decodeBody(request.event, { maxBytes, forms: false }).value;
  };
  return { before: jsonBodyBefore };
}
