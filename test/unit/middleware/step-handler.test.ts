import type { Context } from 'aws-lambda';
import { CaseStepInputSchema } from '../../../functions/schemas/steps.js';
import { CaseNotFoundError } from '../../../functions/shared/errors.js';
import { stepHandler } from '../../../functions/middleware/step-handler.js';

const context = { functionName: 'check-coverage', awsRequestId: 'r-1' } as Context;

describe('stepHandler', () => {
  it('hands Step Functions a library error by its name, without a message that quotes personal data', async () => {
    const handler = stepHandler(CaseStepInputSchema, async () => {
      const error = new Error('The following identities failed the check: ana@example.org');
      error.name = 'MessageRejected';
      throw error;
    });

    const thrown = (await handler({ caseId: 'c-1' }, context).catch((e: unknown) => e)) as Error;

    expect(thrown.name).toBe('MessageRejected');
    expect(thrown.message).not.toContain('ana@example.org');
    expect(thrown.stack).not.toContain('ana@example.org');
  });

  it('hands on our own errors, which the state machine routes by name, unchanged', async () => {
    const own = new CaseNotFoundError('c-1');
    const handler = stepHandler(CaseStepInputSchema, async () => {
      throw own;
    });

    await expect(handler({ caseId: 'c-1' }, context)).rejects.toBe(own);
  });
});
