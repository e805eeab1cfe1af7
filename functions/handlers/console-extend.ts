import { caseActionHandler } from '../console/case-action.js';
import { ExtendBodySchema } from '../schemas/console-actions.js';
import { extendDeadline } from '../use-cases/actions/pending-step.js';
import * as wiring from '../wiring/console.js';
import * as deps from '../wiring/deps.js';

const DAY_SECONDS = 86_400;

/** POST /console/cases/{caseId}/extend: a pending step's deadline moves later. */
export const handler = caseActionHandler({
  schema: ExtendBodySchema,
  act: (caseId, { callbackId, until, days, reason }, actor) =>
    extendDeadline(
      {
        caseId,
        callbackId,
        actor,
        reason,
        until: until
          ? Math.floor(Date.parse(until) / 1000)
          : Math.floor(Date.now() / 1000) + days! * DAY_SECONDS,
      },
      { cases: deps.cases(), callbacks: deps.callbackRevisions() },
    ),
  publicUrl: wiring.publicUrl,
});
