import { opinionFromForm } from '../schemas/opinion-form.js';
import { OpinionSchema } from '../schemas/opinion.js';
import { parseOrThrow } from '../shared/validation.js';
import { openCallbackToDecide, type OpenedCallback } from '../use-cases/callbacks.js';
import { submitOpinion, type OpinionPorts } from '../use-cases/assignment/opinion.js';
import { recorded, type LinkSpec } from './link-handler.js';

/**
 * `POST /assignments/{id}/opinion`: the specialist's structured opinion, as JSON or the packet page's form.
 * A function of its own, apart from the packet page (case-packet) and accept/decline (assignment-link), so none
 * carries another's code.
 */
export const OPINION_LINK: LinkSpec<OpinionPorts, OpenedCallback> = {
  open: (link, ports) => openCallbackToDecide(link.id, link.sig, 'assignment', ports),
  async decide(opened, body, _link, ports) {
    const fields = body.form
      ? opinionFromForm(body.value as Record<string, string>, opened.caseRecord.intake.questions)
      : body.value;
    const submission = parseOrThrow(OpinionSchema, fields, 'opinion');
    return recorded(await submitOpinion(opened, submission, ports));
  },
};
