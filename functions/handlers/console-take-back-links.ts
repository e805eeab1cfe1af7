import { caseActionHandler } from '../console/case-action.js';
import { ReasonBodySchema } from '../schemas/console-actions.js';
import { takeBackLinks } from '../use-cases/actions/take-back-links.js';
import * as wiring from '../wiring/console.js';
import * as deps from '../wiring/deps.js';

/** POST /console/cases/{caseId}/take-back-links: every status, report and claim link of the case answers 410. */
export const handler = caseActionHandler({
  schema: ReasonBodySchema,
  act: (caseId, { reason }, actor) =>
    takeBackLinks({ caseId, actor, reason }, { cases: deps.cases(), grants: deps.grants() }),
  publicUrl: wiring.publicUrl,
});
