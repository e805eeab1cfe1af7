import middy from '@middy/core';
import type { z } from 'zod/mini';
import { withoutPersonalData } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { parseOrThrow } from '../shared/validation.js';
import { logContext } from './log-context.js';

/**
 * The common composition for workflow steps: validated input, case id on every log line, and a failure
 * handed to Step Functions (and the runtime's log) without a message that could quote personal data.
 */
export function stepHandler<S extends z.ZodMiniType, R>(schema: S, fn: (input: z.infer<S>) => Promise<R>) {
  return middy<unknown, R>()
    .use(logContext(logger))
    .onError(async (request) => {
      request.error = withoutPersonalData(request.error) as Error;
    })
    .handler(async (event: unknown) => {
      const input = parseOrThrow(schema, event, 'step input');
      if (typeof input === 'object' && input && 'caseId' in input)
        logger.appendKeys({ caseId: String(input.caseId) });
      return fn(input);
    });
}
