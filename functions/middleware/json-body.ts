import type middy from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../shared/errors.js';
import { header } from '../shared/http.js';

export const ONE_MIB = 1024 * 1024;

export interface JsonBodyOptions {
  maxBytes: number;
}

const defaults: JsonBodyOptions = { maxBytes: ONE_MIB };

export type JsonEvent = APIGatewayProxyEvent & { jsonBody: unknown };

/** Checks size and media type, then parses the body into `event.jsonBody`. Headers must be normalized first. */
export function jsonBody(options: Partial<JsonBodyOptions> = {}): middy.MiddlewareObj<APIGatewayProxyEvent> {
  const { maxBytes } = { ...defaults, ...options };
  const jsonBodyBefore = async (request: middy.Request<APIGatewayProxyEvent>): Promise<void> => {
    const event = request.event;
    const raw = event.isBase64Encoded
      ? Buffer.from(event.body ?? '', 'base64')
      : Buffer.from(event.body ?? '', 'utf8');
    if (raw.length > maxBytes) throw new PayloadTooLargeError(maxBytes);
    const mediaType = (header(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (mediaType !== 'application/json') throw new UnsupportedMediaTypeError('application/json');
    try {
      (event as JsonEvent).jsonBody = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new ValidationError('The request body is not valid JSON', [
        { path: '', message: 'Malformed JSON' },
      ]);
    }
  };
  return { before: jsonBodyBefore };
}
