import type { APIGatewayProxyResult } from 'aws-lambda';
import { json, pathParameter, wantsJson } from '../middleware/http.js';
import { decodeBody } from '../middleware/request-body.js';
import { ValidationError } from '../shared/errors.js';
import type { CallbackPorts } from '../use-cases/callbacks.js';
import { decideFromConsole } from '../use-cases/console/decide.js';
import type { ConsoleEvent } from './access.js';
import { CSRF_FIELD } from './access.js';
import { answersJson, type ConsoleSite } from './frame.js';
import { redirect } from './http.js';

/** A decision with a comment is small; anything near this is not one. */
const MAX_DECISION_BYTES = 64 * 1024;

/** The step to decide and the answer, from a form (its CSRF field set aside: the door checked it) or JSON. */
function readDecision(event: ConsoleEvent): { callbackId: string; answer: Record<string, unknown> } {
  const { value } = decodeBody(event, { maxBytes: MAX_DECISION_BYTES, forms: true });
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ValidationError('The decision is invalid', [{ path: '', message: 'Must be an object' }]);
  const { callbackId, [CSRF_FIELD]: _csrf, ...answer } = value as Record<string, unknown>;
  if (typeof callbackId !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(callbackId))
    throw new ValidationError('The decision is invalid', [
      { path: 'callbackId', message: 'Name the step to decide (its callbackId)' },
    ]);
  return { callbackId, answer };
}

/**
 * `POST /console/cases/{caseId}/decisions` `{ callbackId, decision, basis?, comment?, reference? }`: the
 * decision recorded (JSON), or back to the case page, which says so (a person's form: post, redirect, get).
 */
export async function answerDecision(
  event: ConsoleEvent,
  ports: Pick<CallbackPorts, 'callbacks' | 'cases' | 'tasks'> & { site: ConsoleSite },
): Promise<APIGatewayProxyResult> {
  const caseId = pathParameter(event, 'caseId');
  const { callbackId, answer } = readDecision(event);
  const decision = await decideFromConsole({ caseId, callbackId, answer }, event.principal, ports);
  if (answersJson(event, wantsJson(event))) return json(200, { status: 'recorded', callbackId, ...decision });
  return redirect(303, `${ports.site.publicUrl}/console/cases/${caseId}?decided=${callbackId}`);
}
