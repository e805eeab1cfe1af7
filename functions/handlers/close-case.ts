import { CloseCaseInputSchema } from '../schemas/steps.js';
import * as deps from '../shared/deps.js';
import { stepHandler } from '../shared/step.js';
import { closeCase } from '../use-cases/workflow-steps.js';

export const handler = stepHandler(CloseCaseInputSchema, ({ caseId, reason }) =>
  closeCase(caseId, reason, { cases: deps.cases(), outbox: deps.outbox() }),
);
