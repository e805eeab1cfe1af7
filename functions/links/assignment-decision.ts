import { AssignmentAnswerSchema } from '../schemas/decisions.js';
import { parseOrThrow } from '../shared/validation.js';
import { acceptAssignment, declineAssignment } from '../use-cases/assignment/respond.js';
import { openCallbackToDecide, type CallbackPorts, type OpenedCallback } from '../use-cases/callbacks.js';
import { acceptedPage } from '../views/callback-pages.js';
import { recorded, type LinkSpec } from './link-handler.js';

/**
 * `POST /assignments/{id}`: the specialist accepts or declines, or withdraws after accepting (the packet:
 * case-packet.ts; the opinion: opinion.ts).
 */
export const ASSIGNMENT_DECISION_LINK: LinkSpec<CallbackPorts, OpenedCallback> = {
  open: (link, ports) => openCallbackToDecide(link.id, link.sig, 'assignment', ports),
  async decide(opened, body, link, ports) {
    const answer = parseOrThrow(AssignmentAnswerSchema, body.value, 'decision');
    if (answer.decision === 'accept') {
      const accepted = await acceptAssignment(opened, ports);
      return {
        json: { status: 'recorded', decision: 'accept', ...accepted },
        page: () => acceptedPage(`${link.id}?sig=${link.sig}`),
      };
    }
    const { decision, comment } = answer;
    return recorded(await declineAssignment(opened, { decision, comment }, ports));
  },
};
