import type { APIGatewayProxyEvent } from 'aws-lambda';
import { decodeBody } from './request-body.js';

// Room for an opinion: 20 answers, a rationale, trials and references.
const MAX_FORM_BYTES = 256 * 1024;

/** A decision body: an HTML form post or JSON, as API.md allows. */
export function decisionBody(event: APIGatewayProxyEvent): unknown {
  return decodeBody(event, { maxBytes: MAX_FORM_BYTES, forms: true }).value;
}
