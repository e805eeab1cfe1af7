import { CaseStepInputSchema } from '../schemas/steps.js';
import * as deps from '../wiring/deps.js';
import { stepHandler } from '../middleware/step-handler.js';
import { checkCoverage } from '../use-cases/check-coverage.js';

export const handler = stepHandler(CaseStepInputSchema, ({ caseId }) =>
  checkCoverage(caseId, {
    ...deps.grantDeps(),
    cases: deps.cases(),
    directory: deps.directory(),
    outbox: deps.outbox(),
  }),
);
