import type { z } from 'zod/mini';
import { ValidationError, type FieldError } from '../../functions/shared/errors.js';
import { parseOrThrow } from '../../functions/shared/validation.js';

/** The field errors a schema refuses a body with (the test fails if it accepts it). */
export function fieldErrorsOf(schema: z.ZodMiniType, body: unknown): FieldError[] {
  try {
    parseOrThrow(schema, body, 'body');
  } catch (error) {
    if (error instanceof ValidationError) return error.errors;
    throw error;
  }
  throw new Error('Expected the body to be refused');
}
