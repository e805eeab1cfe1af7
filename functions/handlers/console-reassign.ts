import { caseActionHandler } from '../console/case-action.js';
import { ReasonBodySchema } from '../schemas/console-actions.js';
import { reassign } from '../use-cases/assignment/reassign.js';
import * as wiring from '../wiring/console.js';
import * as deps from '../wiring/deps.js';

/** POST /console/cases/{caseId}/reassign: the proposal or assignment withdrawn, and a new match. */
export const handler = caseActionHandler({
  schema: ReasonBodySchema,
  act: (caseId, { reason }, actor) => reassign({ caseId, actor, reason }, deps.callbackDeps()),
  publicUrl: wiring.publicUrl,
});
