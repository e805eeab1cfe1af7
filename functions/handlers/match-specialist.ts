import { AttemptStepInputSchema } from '../schemas/steps.js';
import * as deps from '../wiring/deps.js';
import { stepHandler } from '../middleware/step-handler.js';
import { matchSpecialist } from '../use-cases/assignment/propose.js';

export const handler = stepHandler(AttemptStepInputSchema, ({ caseId, attempt }) =>
  matchSpecialist(caseId, attempt, {
    cases: deps.cases(),
    outbox: deps.outbox(),
    directory: deps.directory(),
    capacity: deps.capacity(),
    assignments: deps.assignments(),
  }),
);
