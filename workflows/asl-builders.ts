/**
 * The shapes of Concord's states, from which workflows/second-opinion.ts describes the state machine and
 * `npm run asl` writes its ASL (JSONPath only: DESIGN.md §2). Each builder emits the fields in the order
 * Workflow Studio and the AWS documentation use, so the generated file reads like a hand-written one.
 */

/** A JSONPath into the execution's state (`$.…`) or its context object (`$$.…`). */
export type Path = `$${string}`;
type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };
export type State = { readonly Type: string } & { readonly [field: string]: Json };
export type States = Readonly<Record<string, State>>;
export interface StateMachine {
  readonly Comment: string;
  readonly StartAt: string;
  readonly States: States;
}
type Retrier = {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds?: number;
  readonly MaxAttempts: number;
  readonly BackoffRate?: number;
  readonly JitterStrategy?: 'FULL';
};
type Catcher = {
  readonly ErrorEquals: readonly string[];
  readonly ResultPath?: Path;
  readonly Next: string;
};
/** Where a state goes on: the next state's name, or the end of the execution. */
type Then = { readonly next: string } | { readonly end: true };

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const WAIT_FOR_TOKEN = `${LAMBDA_INVOKE}.waitForTaskToken`;

/** Where every failure no state routes goes: the case is kept and the coordinator alerted. */
export const NEEDS_ATTENTION = 'MarkNeedsAttention';

/**
 * The errors the functions throw on purpose (functions/shared/errors.ts): a retry cannot cure them, and
 * some are caught to route the case.
 */
export const STOP_ERRORS = [
  'CallbackExpiredError',
  'CaseNotFoundError',
  'NoSpecialistError',
  'SpecialistUnavailableError',
  'ValidationError',
  'NotFoundError',
  'ConflictError',
  'AlreadyDecidedError',
  'GoneError',
];

/** Never retry an error thrown on purpose. */
export const NO_RETRY_ON_PURPOSE: Retrier = { ErrorEquals: STOP_ERRORS, MaxAttempts: 0 };

/**
 * Every Lambda step's retries: Lambda's own transient errors generously, the errors thrown on purpose
 * never, and the function's other faults (a timeout, a throttled request, a crash) three times, since every
 * step is safe to repeat.
 */
const STANDARD_RETRY: readonly Retrier[] = [
  {
    ErrorEquals: [
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
      'Lambda.TooManyRequestsException',
    ],
    IntervalSeconds: 2,
    MaxAttempts: 6,
    BackoffRate: 2,
    JitterStrategy: 'FULL',
  },
  NO_RETRY_ON_PURPOSE,
  {
    ErrorEquals: ['States.TaskFailed'],
    IntervalSeconds: 3,
    MaxAttempts: 3,
    BackoffRate: 2,
    JitterStrategy: 'FULL',
  },
];

/** The case's resume count, as LoadSettings put it into the state. */
const RESUME: Path = '$.settings.resume';

const catchAll: Catcher = { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: NEEDS_ATTENTION };
const onExpired = (next: string | undefined): Catcher[] =>
  next ? [{ ErrorEquals: ['CallbackExpiredError'], ResultPath: '$.expired', Next: next }] : [];

const then = (spec: Then): { Next: string } | { End: true } =>
  'next' in spec ? { Next: spec.next } : { End: true };

/** `{ "name.$": path }` for each field: JSONPath values in Parameters and ResultSelector. */
const byPath = (fields: Readonly<Record<string, Path>>) =>
  Object.fromEntries(Object.entries(fields).map(([name, path]) => [`${name}.$`, path]));

/** A Lambda invoke of a workflow function (its placeholder in infra/routes.ts), with the case id first. */
const invoke = (placeholder: string, payload: Readonly<Record<string, Json>>) => ({
  FunctionName: `\${${placeholder}}`,
  Payload: { 'caseId.$': '$.caseId', ...payload },
});

export type StepSpec = {
  readonly comment: string;
  /** Payload fields besides the case id, each read from the state. */
  readonly payload?: Readonly<Record<string, Path>>;
  /** Fields of the function's answer to keep, at resultPath. */
  readonly select?: readonly string[];
  /** Where the kept answer goes; without it the answer is dropped and the state passes on unchanged. */
  readonly resultPath?: Path;
  /** Instead of the standard retries and the catch-all to MarkNeedsAttention (for that state itself). */
  readonly retry?: readonly Retrier[];
  readonly catch?: readonly Catcher[];
} & Then;

/** A Lambda step, with the standard retries and every failure left over to MarkNeedsAttention. */
export function step(placeholder: string, spec: StepSpec): State {
  return {
    Type: 'Task',
    Comment: spec.comment,
    Resource: LAMBDA_INVOKE,
    Parameters: invoke(placeholder, byPath(spec.payload ?? {})),
    ...(spec.select
      ? { ResultSelector: byPath(Object.fromEntries(spec.select.map((name) => [name, `$.Payload.${name}`]))) }
      : {}),
    ResultPath: spec.resultPath ?? null,
    Retry: spec.retry ?? STANDARD_RETRY,
    Catch: spec.catch ?? [catchAll],
    ...then(spec),
  };
}

export interface CallbackSpec {
  readonly comment: string;
  /** Who is asked and what for (the callback's kind and purpose, functions/domain/callback.ts). */
  readonly kind: string;
  readonly purpose: string;
  /** Tells this request from earlier ones of the same purpose: a number, or read from the state. */
  readonly round: number | Path;
  /** How long each wait lasts before a reminder, read from the state's settings. */
  readonly timeout: Path;
  /** Where the person's answer goes. */
  readonly resultPath: Path;
  /** Where the case goes when the reminders have run out; without it, to MarkNeedsAttention. */
  readonly expired?: string;
  readonly next: string;
}

/**
 * A human step: request-callback stores the task token and emails a signed link, and the state waits for
 * the answer with a timeout (DESIGN.md §2: never the local runner's 60 s default). Each timeout runs
 * `<name>TimedOut`, which sends a reminder and waits again, until the reminders run out and the callback
 * expires: to `expired` when given; otherwise to MarkNeedsAttention, and then a coordinator's resume asks the
 * request again (the request step is told the case's resume count). Both states are returned, the wait first.
 */
export function callback(name: string, spec: CallbackSpec): States {
  const timedOut = `${name}TimedOut`;
  const request = {
    kind: spec.kind,
    purpose: spec.purpose,
    ...(typeof spec.round === 'number' ? { round: spec.round } : { 'round.$': spec.round }),
  };
  return {
    [name]: {
      Type: 'Task',
      Comment: spec.comment,
      Resource: WAIT_FOR_TOKEN,
      Parameters: invoke('RequestCallbackFunctionArn', {
        ...request,
        'timeoutSeconds.$': spec.timeout,
        'taskToken.$': '$$.Task.Token',
        // Where expiry stops the case, a resumed execution asks the request again (LoadSettings reads the count).
        ...(spec.expired ? {} : { 'resume.$': RESUME }),
      }),
      TimeoutSecondsPath: spec.timeout,
      ResultPath: spec.resultPath,
      Retry: STANDARD_RETRY,
      Catch: [
        { ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: timedOut },
        ...onExpired(spec.expired),
        catchAll,
      ],
      Next: spec.next,
    },
    [timedOut]: {
      Type: 'Task',
      Comment: 'Send a reminder; when none are left the callback expires',
      Resource: LAMBDA_INVOKE,
      Parameters: invoke('CallbackTimedOutFunctionArn', request),
      ResultPath: null,
      Retry: STANDARD_RETRY,
      Catch: [...onExpired(spec.expired), catchAll],
      Next: name,
    },
  };
}

export interface ChoiceSpec {
  readonly comment?: string;
  /** In order, the first that holds: each field (a path) equals its string; several fields must all. */
  readonly when: ReadonlyArray<{ readonly is: Readonly<Record<Path, string>>; readonly next: string }>;
  readonly otherwise: string;
}

export function choice(spec: ChoiceSpec): State {
  const rule = (is: Readonly<Record<Path, string>>) => {
    const conditions = Object.entries(is).map(([path, value]) => ({ Variable: path, StringEquals: value }));
    return conditions.length === 1 ? conditions[0]! : { And: conditions };
  };
  return {
    Type: 'Choice',
    ...(spec.comment ? { Comment: spec.comment } : {}),
    Choices: spec.when.map(({ is, next }) => ({ ...rule(is), Next: next })),
    Default: spec.otherwise,
  };
}

/** The machine from its parts, in order; a state named twice is an error, not a silent overwrite. */
export function machine(spec: { comment: string; startAt: string; parts: readonly States[] }): StateMachine {
  const states: Record<string, State> = {};
  for (const [name, state] of spec.parts.flatMap((part) => Object.entries(part))) {
    if (name in states) throw new Error(`State ${name} is described twice`);
    states[name] = state;
  }
  return { Comment: spec.comment, StartAt: spec.startAt, States: states };
}

/** Puts a fixed value into the state at resultPath. */
export function pass(spec: { comment: string; result: Json; resultPath: Path; next: string }): State {
  return {
    Type: 'Pass',
    Comment: spec.comment,
    Result: spec.result,
    ResultPath: spec.resultPath,
    ...then(spec),
  };
}

/** Sets `{ field: field + 1 }` at the path that holds it (a new round of a request). */
export function increment(spec: { comment: string; at: Path; field: string; next: string }): State {
  return {
    Type: 'Pass',
    Comment: spec.comment,
    Parameters: { [`${spec.field}.$`]: `States.MathAdd(${spec.at}.${spec.field}, 1)` },
    ResultPath: spec.at,
    Next: spec.next,
  };
}
