import { AttemptStepInputSchema } from '../schemas/steps.js';
import * as deps from '../wiring/deps.js';
import { stepHandler } from '../middleware/step-handler.js';
import { recordOpinion } from '../use-cases/assignment/opinion.js';

export const handler = stepHandler(AttemptStepInputSchema, ({ caseId, attempt }) =>
  recordOpinion(caseId, attempt, {
    cases: deps.cases(),
    capacity: deps.capacity(),
    assignments: deps.assignments(),
    directory: deps.directory(),
  }),
);
