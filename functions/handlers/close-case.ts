import { CloseCaseInputSchema } from '../schemas/steps.js';
import * as deps from '../wiring/deps.js';
import { stepHandler } from '../middleware/step-handler.js';
import { closeCase } from '../use-cases/close-case.js';

export const handler = stepHandler(CloseCaseInputSchema, ({ caseId, reason }) =>
  closeCase(caseId, reason, { cases: deps.cases(), outbox: deps.outbox() }),
);
