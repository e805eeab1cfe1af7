import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { AssignmentAnswerSchema } from '../schemas/decisions.js';
import { decisionBody } from '../middleware/decision-body.js';
import { wantsJson } from '../middleware/http.js';
import { json, pathParameter } from '../middleware/http.js';
import { parseOrThrow } from '../shared/validation.js';
import { assignmentPage } from '../views/assignment-page.js';
import { acceptedPage, decidedPage, pageOrProblem } from '../views/callback-pages.js';
import { acceptAssignment, casePacket, declineAssignment } from './assignment.js';
import { openCallback, openCallbackToDecide, type CallbackPorts } from './callbacks.js';

export type CasePacketPorts = Pick<CallbackPorts, 'callbacks' | 'cases' | 'secrets'> &
  Parameters<typeof casePacket>[1];

/**
 * `GET/HEAD /assignments/{id}`: the case packet, with download links to the records. A function of its own,
 * apart from the decision (POST, below) and the opinion (opinion-link.ts): only it presigns record downloads.
 */
export async function showCasePacket(
  event: APIGatewayProxyEvent,
  ports: CasePacketPorts,
): Promise<APIGatewayProxyResult> {
  return pageOrProblem(event, async () => {
    const id = pathParameter(event, 'id');
    const sig = event.queryStringParameters?.sig;
    const packet = await casePacket(await openCallback(id, sig, 'assignment', ports), ports);
    return wantsJson(event) ? json(200, packet) : assignmentPage(packet, id, sig!);
  });
}

/** `POST /assignments/{id}`: the specialist accepts or declines. */
export async function answerAssignmentLink(
  event: APIGatewayProxyEvent,
  ports: CallbackPorts,
): Promise<APIGatewayProxyResult> {
  return pageOrProblem(event, async () => {
    const id = pathParameter(event, 'id');
    const sig = event.queryStringParameters?.sig;
    const opened = await openCallbackToDecide(id, sig, 'assignment', ports);
    const answer = parseOrThrow(AssignmentAnswerSchema, decisionBody(event), 'decision');
    if (answer.decision === 'accept') {
      const accepted = await acceptAssignment(opened, ports);
      return wantsJson(event)
        ? json(200, { status: 'recorded', decision: 'accept', ...accepted })
        : acceptedPage(`${id}?sig=${sig}`);
    }
    const decision = await declineAssignment(opened, answer.comment, ports);
    return wantsJson(event) ? json(200, { status: 'recorded', ...decision }) : decidedPage(decision);
  });
}
