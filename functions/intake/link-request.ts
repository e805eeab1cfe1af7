import { setTimeout as sleep } from 'node:timers/promises';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { json } from '../middleware/http.js';
import { decodeBody } from '../middleware/request-body.js';
import { LinkRequestSchema } from '../schemas/link-request.js';
import { parseOrThrow } from '../shared/validation.js';
import { requestLink, type RequestLinkPorts } from '../use-cases/request-link.js';
import { linkRequestedPage } from '../views/status-page.js';
import { pageOrProblem } from './page-or-problem.js';

const MAX_BYTES = 16 * 1024;
/**
 * Every answer waits at least this long, matched or not: a match grants a link and sends an email, a miss
 * does neither, and the difference must not show in the time taken (no probing for who is on file).
 */
const ANSWER_FLOOR_MS = 1000;

async function noSoonerThan<T>(ms: number, work: Promise<T>): Promise<T> {
  const [result] = await Promise.allSettled([work, sleep(ms)]);
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

/** `POST /links` (form or JSON): always 202 with the same words, whether or not the case and address matched. */
export function answerLinkRequest(
  event: APIGatewayProxyEvent,
  ports: RequestLinkPorts,
): Promise<APIGatewayProxyResult> {
  return pageOrProblem(event, async () => {
    const body = decodeBody(event, { maxBytes: MAX_BYTES, forms: true });
    const request = parseOrThrow(LinkRequestSchema, body.value, 'link request');
    await noSoonerThan(ANSWER_FLOOR_MS, requestLink(request.caseId, request.email, ports));
    return body.form ? linkRequestedPage(request.lang ?? 'en') : json(202, { status: 'accepted' });
  });
}
