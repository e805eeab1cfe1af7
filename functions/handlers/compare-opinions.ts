import { CaseStepInputSchema } from '../schemas/steps.js';
import { config } from '../shared/config.js';
import * as deps from '../wiring/deps.js';
import { stepHandler } from '../middleware/step-handler.js';
import { compareOpinions } from '../use-cases/comparison.js';

export const handler = stepHandler(CaseStepInputSchema, ({ caseId }) =>
  compareOpinions(caseId, {
    cases: deps.cases(),
    assignments: deps.assignments(),
    outbox: deps.outbox(),
    coordinatorEmail: config().coordinatorEmail,
    maxOpinions: config().maxOpinions,
  }),
);
