/**
 * Lint rules for the workflow's ASL (DESIGN.md §2, §3). Each rule takes a parsed definition and
 * returns its violations as readable strings: an empty list means the rule holds.
 */

export const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
export const WAIT_FOR_TOKEN = `${LAMBDA_INVOKE}.waitForTaskToken`;

type Json = Record<string, unknown>;
export interface State extends Json {
  Type: string;
}
export interface Scope {
  /** Where the scope sits, e.g. `States` or `States.Fan.Branches[0].States`. */
  path: string;
  StartAt: string;
  States: Record<string, State>;
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The top-level machine and every nested Parallel branch and Map processor. */
export function scopes(definition: unknown, path = 'States'): Scope[] {
  if (!isObject(definition) || typeof definition.StartAt !== 'string' || !isObject(definition.States)) {
    return [];
  }
  const states = definition.States as Record<string, State>;
  const own: Scope = { path, StartAt: definition.StartAt, States: states };
  const nested = Object.entries(states).flatMap(([name, state]) => {
    const branches = Array.isArray(state.Branches) ? state.Branches : [];
    return [
      ...branches.flatMap((branch, i) => scopes(branch, `${path}.${name}.Branches[${i}].States`)),
      ...(['ItemProcessor', 'Iterator'] as const).flatMap((key) =>
        scopes(state[key], `${path}.${name}.${key}.States`),
      ),
    ];
  });
  return [own, ...nested];
}

/** Every state of the machine, nested ones included, with where it sits. */
function allStates(definition: unknown): Array<{ where: string; name: string; state: State }> {
  return scopes(definition).flatMap((scope) =>
    Object.entries(scope.States).map(([name, state]) => ({ where: `${scope.path}.${name}`, name, state })),
  );
}

const tasks = (definition: unknown) => allStates(definition).filter(({ state }) => state.Type === 'Task');

/** Visits every value of a JSON document once, with its path and the key it sits under. */
function walk(
  value: unknown,
  path: string,
  visit: (value: unknown, path: string, key?: string) => void,
  key?: string,
) {
  visit(value, path, key);
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, `${path}[${i}]`, visit));
  } else if (isObject(value)) {
    for (const [child, item] of Object.entries(value)) walk(item, `${path}.${child}`, visit, child);
  }
}

const JSONATA_ONLY_FIELDS = ['QueryLanguage', 'Assign', 'Arguments', 'Output'];

/**
 * JSONPath only: aws-local-stepfunctions silently ignores JSONata, `Assign`, `Arguments` and
 * `Output`, so the local run would differ from AWS.
 */
export function jsonataFeatures(definition: unknown): string[] {
  const violations: string[] = [];
  walk(definition, '$', (value, path, key) => {
    if (key !== undefined && JSONATA_ONLY_FIELDS.includes(key))
      violations.push(`${path}: ${key} is not supported locally`);
    if (typeof value === 'string' && value.includes('{%'))
      violations.push(`${path}: JSONata expression ${value}`);
  });
  return violations;
}

/**
 * The errors the functions throw on purpose (functions/shared/errors.ts): a retry cannot cure them, and
 * some are caught to route the case. Every other error a function raises (a timeout, a throttled
 * request, a crash) is worth a retry: the steps are safe to repeat.
 */
export const STOP_ERRORS = [
  'CallbackExpiredError',
  'CaseNotFoundError',
  'NoSpecialistError',
  'ValidationError',
  'NotFoundError',
  'ConflictError',
  'AlreadyDecidedError',
  'GoneError',
];
const TASK_WILDCARDS = ['States.TaskFailed', 'States.ALL'];

/** The retrier that takes an error: the first that names it or a wildcard covering it (as on AWS). */
function retrierFor(
  retry: Array<Record<string, unknown>>,
  error: string,
): Record<string, unknown> | undefined {
  return retry.find((retrier) => {
    const names = retrier.ErrorEquals as string[];
    return names.includes(error) || names.some((name) => TASK_WILDCARDS.includes(name));
  });
}

/**
 * Every Task retries transient errors and its function's faults, never the errors thrown on purpose, and
 * catches everything, so no failure goes unhandled.
 */
export function taskErrorHandling(definition: unknown): string[] {
  return tasks(definition).flatMap(({ where, state }) => {
    const violations: string[] = [];
    const retry = state.Retry;
    if (!Array.isArray(retry) || retry.length === 0) {
      violations.push(`${where}: no Retry`);
    } else if (retry.some((retrier) => !isObject(retrier) || !nonEmptyStrings(retrier.ErrorEquals))) {
      violations.push(`${where}: a Retry without ErrorEquals`);
    } else {
      const retriers = retry as Array<Record<string, unknown>>;
      const faults = retrierFor(retriers, 'Lambda.Unknown');
      if (!faults || faults.MaxAttempts === 0)
        violations.push(`${where}: does not retry its function's faults (States.TaskFailed)`);
      for (const error of STOP_ERRORS) {
        const retrier = retrierFor(retriers, error);
        if (retrier && retrier.MaxAttempts !== 0) violations.push(`${where}: retries ${error}`);
      }
    }
    const catchers = Array.isArray(state.Catch) ? state.Catch.filter(isObject) : [];
    if (
      !catchers.some(
        (catcher) => nonEmptyStrings(catcher.ErrorEquals) && catcher.ErrorEquals.includes('States.ALL'),
      )
    ) {
      violations.push(`${where}: no Catch on States.ALL`);
    }
    return violations;
  });
}

function nonEmptyStrings(value: unknown): value is string[] {
  return (
    Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' && item !== '')
  );
}

const PLACEHOLDER = /^\$\{([A-Za-z0-9]+)\}$/;

/**
 * Every Task invokes a Lambda (the only resource the local runner emulates) named by a
 * definition-substitution placeholder that infra/routes.ts maps; every mapped function is used.
 */
export function taskResources(definition: unknown, functions: Readonly<Record<string, string>>): string[] {
  const used = new Set<string>();
  const violations = tasks(definition).flatMap(({ where, state }) => {
    if (state.Resource !== LAMBDA_INVOKE && state.Resource !== WAIT_FOR_TOKEN) {
      return [`${where}: Resource ${String(state.Resource)} is not a Lambda invoke`];
    }
    const parameters = isObject(state.Parameters) ? state.Parameters : {};
    const functionName = parameters.FunctionName;
    const match = typeof functionName === 'string' ? PLACEHOLDER.exec(functionName) : null;
    if (!match)
      return [`${where}: FunctionName must be a \${Placeholder}, not ${JSON.stringify(functionName)}`];
    used.add(match[1]);
    return match[1] in functions ? [] : [`${where}: ${functionName} is not in WORKFLOW_FUNCTIONS`];
  });
  const unused = Object.keys(functions)
    .filter((placeholder) => !used.has(placeholder))
    .map((placeholder) => `WORKFLOW_FUNCTIONS.${placeholder} is not used by any Task`);
  return [...violations, ...unused];
}

/**
 * Locally a Task without a timeout gives up after 60 s: every callback sets its own. And as
 * aws-local-stepfunctions reads TimeoutSecondsPath from the Task's effective input, the local
 * runner needs the same path passed in the Payload too.
 */
export function callbackTimeouts(definition: unknown): string[] {
  return tasks(definition).flatMap(({ where, state }) => {
    const violations: string[] = [];
    if (
      state.Resource === WAIT_FOR_TOKEN &&
      state.TimeoutSeconds === undefined &&
      state.TimeoutSecondsPath === undefined
    ) {
      violations.push(`${where}: a .waitForTaskToken Task needs TimeoutSeconds or TimeoutSecondsPath`);
    }
    const path = state.TimeoutSecondsPath;
    if (path !== undefined) {
      const payload =
        isObject(state.Parameters) && isObject(state.Parameters.Payload) ? state.Parameters.Payload : {};
      const passed = Object.entries(payload).some(([key, value]) => key.endsWith('.$') && value === path);
      if (!passed)
        violations.push(`${where}: TimeoutSecondsPath ${String(path)} must also be passed in the Payload`);
    }
    return violations;
  });
}

/** The states a state can move to, with what each edge is (Next, Default, Choices[i], Catch[i]). */
export function transitions(state: State): Array<{ via: string; target: unknown }> {
  const edges: Array<{ via: string; target: unknown }> = [];
  if ('Next' in state) edges.push({ via: 'Next', target: state.Next });
  if (Array.isArray(state.Choices)) {
    state.Choices.forEach((choice, i) =>
      edges.push({ via: `Choices[${i}].Next`, target: (choice as Json).Next }),
    );
  }
  if ('Default' in state) edges.push({ via: 'Default', target: state.Default });
  if (Array.isArray(state.Catch)) {
    state.Catch.forEach((catcher, i) =>
      edges.push({ via: `Catch[${i}].Next`, target: (catcher as Json).Next }),
    );
  }
  return edges;
}

const isTerminal = (state: State) => state.Type === 'Succeed' || state.Type === 'Fail' || state.End === true;

/** Every StartAt, Next, Default, Choice and Catch target names a state of the same scope. */
export function transitionTargets(definition: unknown): string[] {
  return scopes(definition).flatMap((scope) => {
    const exists = (target: unknown) => typeof target === 'string' && target in scope.States;
    const violations = exists(scope.StartAt)
      ? []
      : [`${scope.path}: StartAt ${scope.StartAt} does not exist`];
    for (const [name, state] of Object.entries(scope.States)) {
      for (const { via, target } of transitions(state)) {
        if (!exists(target))
          violations.push(`${scope.path}.${name}.${via}: ${JSON.stringify(target)} does not exist`);
      }
      if (!isTerminal(state) && state.Type !== 'Choice' && !('Next' in state)) {
        violations.push(`${scope.path}.${name}: neither Next nor End`);
      }
    }
    return violations;
  });
}

function reachableFrom(start: string, next: (name: string) => string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    queue.push(...next(name));
  }
  return seen;
}

const targets = (scope: Scope, name: string) =>
  (scope.States[name] ? transitions(scope.States[name]) : [])
    .map(({ target }) => target)
    .filter((target): target is string => typeof target === 'string' && target in scope.States);

/** Every state can be reached from its scope's StartAt. */
export function unreachableStates(definition: unknown): string[] {
  return scopes(definition).flatMap((scope) => {
    const reached = reachableFrom(scope.StartAt, (name) => targets(scope, name));
    return Object.keys(scope.States)
      .filter((name) => !reached.has(name))
      .map((name) => `${scope.path}.${name}: unreachable from ${scope.StartAt}`);
  });
}

/** From every state some path leads to a terminal state (End, Succeed or Fail): no trap loops. */
export function pathsToTerminal(definition: unknown): string[] {
  return scopes(definition).flatMap((scope) => {
    const names = Object.keys(scope.States);
    const predecessors = new Map<string, string[]>(names.map((name) => [name, []]));
    for (const name of names) for (const target of targets(scope, name)) predecessors.get(target)?.push(name);
    const terminals = names.filter((name) => isTerminal(scope.States[name]));
    const canFinish = new Set(
      terminals.flatMap((name) => [...reachableFrom(name, (n) => predecessors.get(n) ?? [])]),
    );
    if (terminals.length === 0) return [`${scope.path}: no terminal state`];
    return names
      .filter((name) => !canFinish.has(name))
      .map((name) => `${scope.path}.${name}: no path to a terminal state`);
  });
}

/** Words that name personal data: state carries IDs only (the execution history is not PHI-safe). */
const PERSONAL = /patient|email|name|diagnosis|intake/i;
const TEMPLATE_FIELDS = ['Parameters', 'ItemSelector', 'ResultSelector'];

/**
 * Parameters (and ItemSelector, ResultSelector) pass only IDs: no key, and no path into the
 * state, that names personal data. `FunctionName` and context paths (`$$.`) are fine.
 */
export function idsOnly(definition: unknown): string[] {
  return allStates(definition).flatMap(({ where, state }) =>
    TEMPLATE_FIELDS.filter((field) => field in state).flatMap((field) => {
      const violations: string[] = [];
      walk(state[field], `${where}.${field}`, (value, path, key) => {
        const bare = key?.replace(/\.\$$/, '');
        if (bare !== undefined && PERSONAL.test(bare) && path !== `${where}.Parameters.FunctionName`) {
          violations.push(`${path}: key ${key} looks like personal data`);
        }
        if (
          key?.endsWith('.$') &&
          typeof value === 'string' &&
          !value.startsWith('$$.') &&
          PERSONAL.test(value)
        ) {
          violations.push(`${path}: path ${value} looks like personal data`);
        }
      });
      return violations;
    }),
  );
}

/** Every rule, for the real workflow. */
export function lintAsl(definition: unknown, functions: Readonly<Record<string, string>>): string[] {
  return [
    ...jsonataFeatures(definition),
    ...taskErrorHandling(definition),
    ...taskResources(definition, functions),
    ...callbackTimeouts(definition),
    ...transitionTargets(definition),
    ...unreachableStates(definition),
    ...pathsToTerminal(definition),
    ...idsOnly(definition),
  ];
}
