import middy from '@middy/core';
import type { z } from 'zod/mini';
import { logContext } from '../middleware/log-context.js';
import { logger } from './logger.js';
import { parseOrThrow } from './validation.js';

/** The common composition for workflow steps: validated input, case id on every log line. */
export function stepHandler<S extends z.ZodMiniType, R>(schema: S, fn: (input: z.infer<S>) => Promise<R>) {
  return middy<unknown, R>()
    .use(logContext(logger))
    .handler(async (event: unknown) => {
      const input = parseOrThrow(schema, event, 'step input');
      if (typeof input === 'object' && input && 'caseId' in input)
        logger.appendKeys({ caseId: String(input.caseId) });
      return fn(input);
    });
}
