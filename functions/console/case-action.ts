import type { APIGatewayProxyResult } from 'aws-lambda';
import type { z } from 'zod/mini';
import { actorOf } from '../domain/console-access.js';
import { json, pathParameter, wantsJson } from '../middleware/http.js';
import { decodeBody } from '../middleware/request-body.js';
import { parseOrThrow } from '../shared/validation.js';
import { consoleAccess, type ConsoleEvent } from './access.js';
import { answersJson } from './frame.js';
import { consoleHandler } from './handler.js';
import { redirect } from './http.js';

/** A coordinator's reason fits in a few KiB; a form post carries it and the CSRF token. */
const MAX_BODY_BYTES = 16 * 1024;

export interface CaseActionOptions<S extends z.ZodMiniType> {
  /** The body: JSON from programs, or the case view's form fields. */
  schema: S;
  /** The action, on the case named in the path, by the caller as the timeline names them. */
  act: (caseId: string, body: z.infer<S>, actor: string) => Promise<object>;
  publicUrl: () => string;
}

/**
 * `POST /console/cases/{caseId}/<action>`: behind the console's authorizer and door (a coordinator; a person's post
 * from the console's origin with the session's CSRF token), the body decoded and checked, the action taken. Programs get
 * `{ caseId, ...result }`; a person's form goes back to the case view (303), where the timeline shows the action.
 * A refusal (400, 404, 409) is problem+json for programs and a page for people.
 */
export function caseActionHandler<S extends z.ZodMiniType>(options: CaseActionOptions<S>) {
  const caseAction = async (event: ConsoleEvent): Promise<APIGatewayProxyResult> => {
    const caseId = pathParameter(event, 'caseId');
    const body = parseOrThrow(
      options.schema,
      decodeBody(event, { maxBytes: MAX_BODY_BYTES, forms: true }).value,
      'request body',
    );
    const result = await options.act(caseId, body, actorOf(event.principal));
    if (answersJson(event, wantsJson(event))) return json(200, { caseId, ...result });
    return redirect(303, `${options.publicUrl()}/console/cases/${encodeURIComponent(caseId)}`);
  };
  return consoleHandler(caseAction, {
    publicUrl: options.publicUrl,
    door: consoleAccess({ role: 'coordinator', publicUrl: options.publicUrl }),
  });
}
