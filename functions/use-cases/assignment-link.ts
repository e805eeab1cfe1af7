import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { RecordFiles } from '../domain/ports.js';
import { AssignmentAnswerSchema } from '../schemas/decisions.js';
import { decisionBody, wantsJson } from '../shared/form.js';
import { json, pathParameter } from '../shared/http.js';
import { parseOrThrow } from '../shared/validation.js';
import { assignmentPage } from '../views/assignment-page.js';
import { acceptedPage, decidedPage, errorPage } from '../views/callback-pages.js';
import { acceptAssignment, casePacket, declineAssignment } from './assignment.js';
import { openCallback, openCallbackToDecide, type CallbackPorts } from './callbacks.js';

export type AssignmentLinkPorts = CallbackPorts & {
  files: RecordFiles;
  settings: CallbackPorts['settings'] & { downloadUrlSeconds: number };
};

/** `/assignments/{id}`: GET/HEAD show the case packet; POST accepts or declines (the opinion: opinion-link.ts). */
export async function answerAssignmentLink(
  event: APIGatewayProxyEvent,
  ports: AssignmentLinkPorts,
): Promise<APIGatewayProxyResult> {
  const sig = event.queryStringParameters?.sig;
  const id = pathParameter(event, 'id');
  try {
    const opened = await (event.httpMethod === 'POST' ? openCallbackToDecide : openCallback)(
      id,
      sig,
      'assignment',
      ports,
    );
    if (event.httpMethod !== 'POST') {
      const packet = await casePacket(opened, ports);
      return wantsJson(event) ? json(200, packet) : assignmentPage(packet, id, sig!);
    }
    const answer = parseOrThrow(AssignmentAnswerSchema, decisionBody(event), 'decision');
    if (answer.decision === 'accept') {
      const accepted = await acceptAssignment(opened, ports);
      return wantsJson(event)
        ? json(200, { status: 'recorded', decision: 'accept', ...accepted })
        : acceptedPage(`${id}?sig=${sig}`);
    }
    const decision = await declineAssignment(opened, answer.comment, ports);
    return wantsJson(event) ? json(200, { status: 'recorded', ...decision }) : decidedPage(decision);
  } catch (error) {
    if (wantsJson(event)) throw error;
    return errorPage(error);
  }
}
