import { EndAssignmentInputSchema } from '../schemas/steps.js';
import * as deps from '../wiring/deps.js';
import { stepHandler } from '../middleware/step-handler.js';
import { endAssignment } from '../use-cases/assignment/end.js';

export const handler = stepHandler(EndAssignmentInputSchema, ({ caseId, attempt, outcome }) =>
  endAssignment(caseId, attempt, outcome, {
    cases: deps.cases(),
    capacity: deps.capacity(),
    assignments: deps.assignments(),
  }),
);
