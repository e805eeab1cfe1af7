import { stepHandler } from '../middleware/step-handler.js';
import { CaseStepInputSchema } from '../schemas/steps.js';
import { introduceCase } from '../use-cases/introduce-case.js';
import * as deps from '../wiring/deps.js';

export const handler = stepHandler(CaseStepInputSchema, ({ caseId }) =>
  introduceCase(caseId, { ...deps.grantDeps(), cases: deps.cases(), outbox: deps.outbox() }),
);
