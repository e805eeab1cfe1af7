import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { CaseQueue } from '../domain/ports.js';
import { json, wantsJson } from '../middleware/http.js';
import { QueueParamsSchema, type QueueParams } from '../schemas/console.js';
import { ValidationError } from '../shared/errors.js';
import { parseOrThrow } from '../shared/validation.js';
import { listQueue } from '../use-cases/console/queue.js';
import { queuePage } from '../views/console/queue-page.js';
import type { ConsoleEvent } from './access.js';
import { answersJson, frameOf, type ConsoleSite } from './frame.js';

/** The query string's fields, each given once; empty ones (a filter left at "Any") count as absent. */
export function queryFields(event: Pick<APIGatewayProxyEvent, 'multiValueQueryStringParameters'>) {
  const fields: Record<string, string> = {};
  for (const [name, values] of Object.entries(event.multiValueQueryStringParameters ?? {})) {
    const given = (values ?? []).filter((value) => value !== '');
    if (given.length > 1)
      throw new ValidationError('The query is invalid', [{ path: name, message: 'Given more than once' }]);
    if (given.length === 1) fields[name] = given[0]!;
  }
  return fields;
}

/** The address of the page after this one: the same filters, from the cursor. */
function nextHref(site: ConsoleSite, params: QueueParams, cursor: string): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...params, cursor })) {
    if (value !== undefined && value !== false) query.set(name, String(value));
  }
  return `${site.publicUrl}/console/cases?${query.toString()}`;
}

/**
 * `GET /console` and `GET /console/cases`: the queue as a page, or as JSON (API.md) for a program or anyone
 * asking for it; `/console` adds who is calling (`principal`).
 */
export async function answerQueue(
  event: ConsoleEvent,
  ports: { queue: CaseQueue; site: ConsoleSite },
  now = new Date(),
): Promise<APIGatewayProxyResult> {
  const params = parseOrThrow(QueueParamsSchema, queryFields(event), 'query');
  const answer = await listQueue({ ...params, now }, ports);
  if (answersJson(event, wantsJson(event))) {
    return json(200, event.resource === '/console' ? { principal: event.principal, ...answer } : answer);
  }
  const { cursor: _cursor, limit: _limit, ...filters } = params;
  return queuePage(frameOf(event, ports.site), {
    filters,
    rows: answer.items,
    ...(answer.next ? { nextHref: nextHref(ports.site, params, answer.next) } : {}),
    now,
  });
}
