import { caseActionHandler } from '../console/case-action.js';
import { ReasonBodySchema } from '../schemas/console-actions.js';
import { cancelCase } from '../use-cases/actions/cancel-case.js';
import * as wiring from '../wiring/console.js';
import * as deps from '../wiring/deps.js';

/** POST /console/cases/{caseId}/cancel: the case closes, its execution stops, people are told. */
export const handler = caseActionHandler({
  schema: ReasonBodySchema,
  act: (caseId, { reason }, actor) =>
    cancelCase(
      { caseId, actor, reason },
      {
        cases: deps.cases(),
        workflow: deps.workflow(),
        outbox: deps.outbox(),
        capacity: deps.capacity(),
        assignments: deps.assignments(),
      },
    ),
  publicUrl: wiring.publicUrl,
});
