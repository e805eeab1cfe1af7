import type { z } from 'zod/mini';
import { ValidationError, type FieldError } from './errors.js';

type Issue = z.core.$ZodIssue;
type PathSegment = PropertyKey;

function joinPath(path: readonly PathSegment[]): string {
  return path.map(String).join('.');
}

/** Flattens zod issues into one `{ path, message }` per bad field, naming each unknown key. */
export function fieldErrors(issues: readonly Issue[], prefix: readonly PathSegment[] = []): FieldError[] {
  return issues.flatMap((issue): FieldError[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: joinPath([...path, key]), message: 'Unknown field' }));
    }
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Report the branch the caller came closest to, not a bare "Invalid input".
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]!;
      return fieldErrors(closest, path);
    }
    return [{ path: joinPath(path), message: issue.message }];
  });
}

/** Validates or throws a ValidationError; `at` names a value that is not a body (a header, say). */
export function parseOrThrow<T extends z.ZodMiniType>(
  schema: T,
  value: unknown,
  what: string,
  at: PathSegment[] = [],
): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ValidationError(`The ${what} is invalid`, fieldErrors(result.error.issues, at));
  }
  return result.data;
}
