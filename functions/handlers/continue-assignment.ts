import { AttemptStepInputSchema } from '../schemas/steps.js';
import * as deps from '../wiring/deps.js';
import { stepHandler } from '../middleware/step-handler.js';
import { continueAssignment } from '../use-cases/assignment/end.js';

/** After the tests a specialist asked for arrive, the same specialist continues in a new attempt. */
export const handler = stepHandler(AttemptStepInputSchema, ({ caseId, attempt }) =>
  continueAssignment(caseId, attempt, {
    cases: deps.cases(),
    assignments: deps.assignments(),
    capacity: deps.capacity(),
    directory: deps.directory(),
  }),
);
