import { CaseStepInputSchema } from '../schemas/steps.js';
import * as setting from '../shared/config.js';
import * as deps from '../wiring/deps.js';
import { stepHandler } from '../middleware/step-handler.js';
import { compareOpinions } from '../use-cases/comparison.js';

export const handler = stepHandler(CaseStepInputSchema, ({ caseId }) =>
  compareOpinions(caseId, {
    cases: deps.cases(),
    assignments: deps.assignments(),
    outbox: deps.outbox(),
    coordinatorEmail: setting.coordinatorEmail(),
    maxOpinions: setting.maxOpinions(),
  }),
);
