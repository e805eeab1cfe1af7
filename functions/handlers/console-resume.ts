import { caseActionHandler } from '../console/case-action.js';
import { ReasonBodySchema } from '../schemas/console-actions.js';
import { resumeCase } from '../use-cases/actions/resume-case.js';
import * as wiring from '../wiring/console.js';
import * as deps from '../wiring/deps.js';

/** POST /console/cases/{caseId}/resume: a needs-attention case's workflow runs again. */
export const handler = caseActionHandler({
  schema: ReasonBodySchema,
  act: (caseId, { reason }, actor) =>
    resumeCase({ caseId, actor, reason }, { cases: deps.cases(), workflow: deps.workflow() }),
  publicUrl: wiring.publicUrl,
});
