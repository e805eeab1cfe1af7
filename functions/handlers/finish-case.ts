import { CaseStepInputSchema } from '../schemas/steps.js';
import * as deps from '../shared/deps.js';
import { stepHandler } from '../shared/step.js';
import { finishCase } from '../use-cases/workflow-steps.js';

export const handler = stepHandler(CaseStepInputSchema, ({ caseId }) => finishCase(caseId, deps.cases()));
