import { CaseStepInputSchema } from '../schemas/steps.js';
import * as deps from '../wiring/deps.js';
import { stepHandler } from '../middleware/step-handler.js';
import { finishCase } from '../use-cases/finish-case.js';

export const handler = stepHandler(CaseStepInputSchema, ({ caseId }) => finishCase(caseId, deps.cases()));
