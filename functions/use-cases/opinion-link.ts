import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { opinionFromForm } from '../schemas/opinion-form.js';
import { decisionBody, wantsJson } from '../shared/form.js';
import { header, json, pathParameter } from '../shared/http.js';
import { decidedPage, errorPage } from '../views/callback-pages.js';
import { submitOpinion } from './assignment.js';
import { openCallback, type CallbackPorts } from './callbacks.js';

/**
 * `POST /assignments/{id}/opinion`: the specialist's structured opinion, as JSON or the packet page's form.
 * A function of its own, apart from the packet page (assignment-link), so neither carries the other's code.
 */
export async function answerOpinionLink(
  event: APIGatewayProxyEvent,
  ports: CallbackPorts,
): Promise<APIGatewayProxyResult> {
  try {
    const opened = await openCallback(
      pathParameter(event, 'id'),
      event.queryStringParameters?.sig,
      'assignment',
      ports,
    );
    const body = decisionBody(event);
    const isForm = !(header(event, 'content-type') ?? '').includes('json');
    const opinion = isForm
      ? opinionFromForm(body as Record<string, string>, opened.caseRecord.intake.questions)
      : body;
    const decision = await submitOpinion(opened, opinion, ports);
    return wantsJson(event) ? json(200, { status: 'recorded', ...decision }) : decidedPage(decision);
  } catch (error) {
    if (wantsJson(event)) throw error;
    return errorPage(error);
  }
}
