import { CaseStepInputSchema } from '../schemas/steps.js';
import * as deps from '../wiring/deps.js';
import { stepHandler } from '../middleware/step-handler.js';
import { deliverReport } from '../use-cases/report.js';

export const handler = stepHandler(CaseStepInputSchema, ({ caseId }) =>
  deliverReport(caseId, { ...deps.grantDeps(), cases: deps.cases(), outbox: deps.outbox() }),
);
