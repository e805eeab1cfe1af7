import { caseActionHandler } from '../console/case-action.js';
import { ResendBodySchema } from '../schemas/console-actions.js';
import { resendLink } from '../use-cases/actions/pending-step.js';
import * as wiring from '../wiring/console.js';
import * as deps from '../wiring/deps.js';

/** POST /console/cases/{caseId}/resend: a pending step's link again, to the same recipient. */
export const handler = caseActionHandler({
  schema: ResendBodySchema,
  act: (caseId, { callbackId, reason }, actor) =>
    resendLink({ caseId, callbackId, actor, reason }, deps.revisionDeps()),
  publicUrl: wiring.publicUrl,
});
