/** Errors are data with a status: one mapping turns them into problem+json or a Step Functions error name. */
export interface FieldError {
  path: string;
  message: string;
}

/** Our own errors: their messages say ids and codes only, so they may be logged and handed on as they are. */
export class IdsOnlyError extends Error {}

export class ConcordError extends IdsOnlyError {
  constructor(
    message: string,
    readonly status: number,
    readonly title: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ConcordError';
  }
}

export class ValidationError extends ConcordError {
  constructor(
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message, 400, 'Invalid request');
    this.name = 'ValidationError';
  }
}

export class UnauthorizedError extends ConcordError {
  constructor(message = 'A bearer access token is required') {
    super(message, 401, 'Unauthorized');
    this.name = 'UnauthorizedError';
  }
}

export class ForbiddenError extends ConcordError {
  constructor(message: string) {
    super(message, 403, 'Forbidden');
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends ConcordError {
  constructor(message = 'Not found') {
    super(message, 404, 'Not found');
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends ConcordError {
  constructor(message: string) {
    super(message, 409, 'Conflict');
    this.name = 'ConflictError';
  }
}

/** The link was already used: the first decision stands (and says where it was taken, when in the console). */
export class AlreadyDecidedError extends ConflictError {
  constructor(
    readonly decidedBy: string,
    readonly decidedAt: string,
    readonly via?: 'console',
  ) {
    super(`Already decided${via ? ` in the ${via}` : ''} by ${decidedBy} at ${decidedAt}`);
    this.name = 'AlreadyDecidedError';
  }
}

export class GoneError extends ConcordError {
  constructor(message: string) {
    super(message, 410, 'Gone');
    this.name = 'GoneError';
  }
}

/** A link the coordinator took back (the console's take-back-links): its page says so, not "expired". */
export class LinkTakenBackError extends GoneError {
  constructor() {
    super('This link was taken back');
    this.name = 'LinkTakenBackError';
  }
}

/** Too many requests for one address: the answer names no address. */
export class TooManyRequestsError extends ConcordError {
  constructor(message: string) {
    super(message, 429, 'Too many requests');
    this.name = 'TooManyRequestsError';
  }
}

export class PayloadTooLargeError extends ConcordError {
  constructor(limitBytes: number) {
    super(`The request body exceeds ${limitBytes} bytes`, 413, 'Payload too large');
    this.name = 'PayloadTooLargeError';
  }
}

export class UnsupportedMediaTypeError extends ConcordError {
  constructor(expected: string) {
    super(`Content-Type must be ${expected}`, 415, 'Unsupported media type');
    this.name = 'UnsupportedMediaTypeError';
  }
}

export class IdempotencyMismatchError extends ConcordError {
  constructor() {
    super(
      'This Idempotency-Key was already used with a different request body',
      422,
      'Idempotency key reused',
    );
    this.name = 'IdempotencyMismatchError';
  }
}

/** A human step went unanswered through every reminder: the workflow stops and a coordinator is told. */
export class CallbackExpiredError extends IdsOnlyError {
  constructor(callbackId: string) {
    super(`Callback ${callbackId} went unanswered`);
    this.name = 'CallbackExpiredError';
  }
}

/** A case referenced by a workflow step does not exist: the workflow must stop and alert. */
export class CaseNotFoundError extends IdsOnlyError {
  constructor(caseId: string) {
    super(`Case ${caseId} not found`);
    this.name = 'CaseNotFoundError';
  }
}

/** No specialist passes the hard rules for this opinion: the case waits for a coordinator. */
export class NoSpecialistError extends IdsOnlyError {
  constructor(caseId: string, opinionNumber: number) {
    super(`No eligible specialist for opinion ${opinionNumber} of case ${caseId}`);
    this.name = 'NoSpecialistError';
  }
}

/** A resumed case's specialist has no capacity left to take the case back: a coordinator reassigns or waits. */
export class SpecialistUnavailableError extends IdsOnlyError {
  constructor(caseId: string, specialistId: string) {
    super(
      `Specialist ${specialistId} cannot take case ${caseId} back: at capacity or gone from the directory`,
    );
    this.name = 'SpecialistUnavailableError';
  }
}

/** A stored object changed while it was being read: its checks start again from its newest notification. */
export class ObjectChangedError extends IdsOnlyError {
  constructor(key: string) {
    super(`Object ${key} changed while it was being read`);
    this.name = 'ObjectChangedError';
  }
}

/** The signing secret, or a version of it on its way in, is not what it must be (the message quotes no key). */
export class SigningSecretError extends IdsOnlyError {
  constructor(message: string) {
    super(message);
    this.name = 'SigningSecretError';
  }
}

/** An intake stored whose workflow did not start, and could not be taken back: the message names the case. */
export class CaseLeftBehindError extends ConcordError {
  constructor(
    caseId: string,
    readonly errors: unknown[],
    options?: { cause?: unknown },
  ) {
    super(
      `Case ${caseId} was stored but its confirmation email did not go, and it could not be taken back`,
      500,
      'Internal error',
      options,
    );
    this.name = 'CaseLeftBehindError';
  }
}

/**
 * The error as it may be logged or handed to Step Functions (whose execution history keeps a step's error
 * message): ours as they are; any other keeps its name (what Retry and Catch match) and stack frames but not
 * its message, which may quote the request (an SES rejection names its recipient, often the patient).
 */
export function withoutPersonalData(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof IdsOnlyError) return error;
  const withheld = new Error(`${error.name}: message withheld (it may quote personal data)`);
  withheld.name = error.name;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  withheld.stack = [withheld.message, ...frames].join('\n');
  return withheld;
}

/** API.md's problem+json: `errors` lists the fields at fault (empty when the fault is no field's). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors: FieldError[];
}

/** Only 4xx detail reaches the caller; anything else is an opaque 500. */
export function toProblem(error: unknown): Problem {
  if (error instanceof ConcordError && error.status < 500) {
    return {
      type: 'about:blank',
      title: error.title,
      status: error.status,
      detail: error.message,
      errors: error instanceof ValidationError ? error.errors : [],
    };
  }
  return {
    type: 'about:blank',
    title: 'Internal error',
    status: 500,
    detail: 'The request could not be completed',
    errors: [],
  };
}

/** A console sign-in that did not complete (refused, expired, replayed): the person starts again. */
export class SignInFailedError extends ConcordError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 400, 'Sign-in failed', options);
    this.name = 'SignInFailedError';
  }
}
