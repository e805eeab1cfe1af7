import '../polyfills.js';
import { readFileSync } from 'node:fs';
import {
  ExecutionAbortedError,
  ExecutionError,
  ExecutionTimeoutError,
  StateMachine,
} from 'aws-local-stepfunctions';
import type { RunOptions, StateMachineDefinition } from 'aws-local-stepfunctions';
import { ExecutionRegistry, type ExecutionRecord } from './executions.js';
import { TaskTokenRegistry } from './task-tokens.js';

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const WAIT_FOR_TOKEN = `${LAMBDA_INVOKE}.waitForTaskToken`;
// aws-local-stepfunctions leaves $$.Task.Token empty: pass this through the context and swap in a real token.
const TOKEN_PLACEHOLDER = '__concord_local_task_token__';
const LOCAL_FUNCTION_ARN = 'arn:aws:lambda:local:000000000000:function:';

export type Invoke = (handlerName: string, payload: unknown) => Promise<unknown>;

/** An entry of aws-local-stepfunctions' eventLogs (the fields read here; the library does not export its type). */
export interface ExecutionEvent {
  type: string;
  timestamp: number;
  state?: { name: string; type?: string; input?: unknown; output?: unknown };
}

export interface LocalStepFunctionsOptions {
  aslPath: string;
  /** Definition-substitution placeholder → handler name, as in infra/routes.ts. */
  functions: Readonly<Record<string, string>>;
  invoke: Invoke;
  stateFile: string;
  /** Tests shorten waits and retry intervals (milliseconds by state name). */
  waitTimeOverrides?: Record<string, number>;
  retryIntervalOverrides?: Record<string, number>;
  /** Optional, off by default: sees every event of every execution's log (benchmarks count transitions). */
  onEvent?: (executionArn: string, event: ExecutionEvent) => void;
  /** Hears each execution that stops (succeeded, failed, timed out or aborted), as its record stands then. */
  onStopped?: (record: ExecutionRecord) => void;
}

export class ExecutionAlreadyExistsError extends Error {
  constructor(name: string) {
    super(`Execution already exists: '${name}'`);
    this.name = 'ExecutionAlreadyExists';
  }
}

export class ExecutionDoesNotExistError extends Error {
  constructor(arn: string) {
    super(`Execution does not exist: '${arn}'`);
    this.name = 'ExecutionDoesNotExist';
  }
}

type TaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type AnyState = Record<string, unknown> & { Type: string; Resource?: string };
type States = Record<string, AnyState>;

/** Every Task in the definition, Parallel branches and Map processors included, by state name. */
function taskStates(states: States): Array<[string, AnyState]> {
  return Object.entries(states).flatMap(([name, state]): Array<[string, AnyState]> => {
    if (state.Type === 'Task') return [[name, state]];
    const nested = [
      ...((state.Branches as Array<{ States: States }> | undefined) ?? []),
      ...[state.ItemProcessor, state.Iterator].filter(Boolean).map((p) => p as { States: States }),
    ];
    return nested.flatMap((child) => taskStates(child.States));
  });
}

/**
 * aws-local-stepfunctions reads TimeoutSecondsPath from the task's effective input (after
 * Parameters), where Step Functions reads the state's input. Each such state also passes its timeout
 * in the Payload, so point the local definition at that copy: the same number either way.
 */
function localTimeoutPath(name: string, state: AnyState): void {
  const path = state.TimeoutSecondsPath;
  if (typeof path !== 'string') return;
  const payload = ((state.Parameters as { Payload?: Record<string, unknown> } | undefined)?.Payload ??
    {}) as Record<string, unknown>;
  const key = Object.keys(payload).find((k) => k.endsWith('.$') && payload[k] === path);
  if (!key)
    throw new Error(
      `State ${name}: pass TimeoutSecondsPath ${path} in the Payload too, so it can run locally`,
    );
  state.TimeoutSecondsPath = `$.Payload.${key.slice(0, -2)}`;
}

function replaceToken(value: unknown, token: string): unknown {
  if (value === TOKEN_PLACEHOLDER) return token;
  if (Array.isArray(value)) return value.map((item) => replaceToken(item, token));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceToken(item, token)]));
  }
  return value;
}

/**
 * Step Functions Standard, locally: runs the same ASL file with aws-local-stepfunctions, invoking
 * handlers in-process, emulating task tokens, and keeping executions on disk.
 */
export class LocalStepFunctions {
  readonly stateMachineArn = 'arn:aws:states:local:000000000000:stateMachine:concord-second-opinion';
  readonly tokens = new TaskTokenRegistry();
  private readonly definition: StateMachineDefinition;
  private readonly machine: StateMachine;
  private readonly registry: ExecutionRegistry;
  private readonly live = new Map<string, { abort: () => void; done: Promise<void> }>();
  private readonly entered = new Map<string, string[]>();
  private readonly following = new Map<string, Promise<void>>();
  private closing = false;

  constructor(private readonly options: LocalStepFunctionsOptions) {
    let text = readFileSync(options.aslPath, 'utf8');
    for (const [placeholder, handler] of Object.entries(options.functions)) {
      text = text.replaceAll(`\${${placeholder}}`, `${LOCAL_FUNCTION_ARN}${handler}`);
    }
    const leftover = /\$\{[A-Za-z0-9]+\}/.exec(text);
    if (leftover) throw new Error(`No local function for ${leftover[0]} in ${options.aslPath}`);
    this.definition = JSON.parse(text) as StateMachineDefinition;
    for (const [name, state] of taskStates(this.definition.States as unknown as States))
      localTimeoutPath(name, state);
    this.machine = new StateMachine(this.definition);
    this.registry = new ExecutionRegistry(options.stateFile);
  }

  executionArn(name: string): string {
    return this.stateMachineArn.replace(':stateMachine:', ':execution:') + `:${name}`;
  }

  /** StartExecution: the same name with the same input is the same execution, as on AWS. */
  start(name: string, input: string): ExecutionRecord {
    const executionArn = this.executionArn(name);
    const existing = this.registry.get(executionArn);
    if (existing) {
      if (existing.input === input && existing.status === 'RUNNING') return existing;
      throw new ExecutionAlreadyExistsError(name);
    }
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: this.stateMachineArn,
      name,
      input,
      status: 'RUNNING',
      startDate: Date.now(),
    };
    this.registry.put(record);
    this.run(record);
    return record;
  }

  describe(executionArn: string): ExecutionRecord {
    const record = this.registry.get(executionArn);
    if (!record) throw new ExecutionDoesNotExistError(executionArn);
    return record;
  }

  stop(executionArn: string, error?: string, cause?: string): number {
    const record = this.describe(executionArn);
    if (record.status === 'RUNNING') {
      const run = this.live.get(executionArn);
      this.finish(record, { status: 'ABORTED', error, cause });
      run?.abort();
      this.tokens.release(executionArn);
    }
    return this.describe(executionArn).stopDate ?? Date.now();
  }

  /** Restarts every execution that was running when the process last stopped. */
  resume(): number {
    const running = this.registry.running();
    for (const record of running) this.run(record);
    return running.length;
  }

  /** The names of the states an execution has entered, in order (this process's runs only). */
  statesEntered(executionArn: string): string[] {
    return [...(this.entered.get(executionArn) ?? [])];
  }

  /** Resolves when the execution stops running (for tests and the demo). */
  async settled(executionArn: string): Promise<ExecutionRecord> {
    await this.live.get(executionArn)?.done;
    await this.following.get(executionArn);
    return this.describe(executionArn);
  }

  /** Stops the runs without ending the executions: they resume on the next start. */
  async close(): Promise<void> {
    this.closing = true;
    const runs = [...this.live.values()];
    for (const run of runs) run.abort();
    this.tokens.release();
    await Promise.allSettled(runs.map((run) => run.done));
  }

  private run(record: ExecutionRecord): void {
    const arn = record.executionArn;
    const execution = this.machine.run(JSON.parse(record.input), {
      noThrowOnAbort: true,
      overrides: {
        taskResourceLocalHandlers: this.taskHandlers(arn) as TaskHandlers,
        waitTimeOverrides: this.options.waitTimeOverrides,
        retryIntervalOverrides: this.options.retryIntervalOverrides,
      },
      context: {
        Execution: {
          Id: arn,
          Name: record.name,
          Input: JSON.parse(record.input),
          StartTime: new Date(record.startDate).toISOString(),
        },
        StateMachine: { Id: this.stateMachineArn, Name: 'concord-second-opinion' },
        Task: { Token: TOKEN_PLACEHOLDER },
      },
    });
    this.entered.set(arn, []);
    this.following.set(arn, this.follow(arn, execution.eventLogs));
    const done = execution.result.then(
      (output) => {
        if (this.closing || output === null) return;
        this.finish(record, { status: 'SUCCEEDED', output: JSON.stringify(output) });
      },
      (error: unknown) => {
        if (this.closing || error instanceof ExecutionAbortedError) return;
        if (error instanceof ExecutionTimeoutError) return this.finish(record, { status: 'TIMED_OUT' });
        const cause = error instanceof ExecutionError ? (error.cause as Error) : (error as Error);
        this.finish(record, {
          status: 'FAILED',
          error: cause?.name ?? 'Error',
          cause: cause?.message ?? String(error),
        });
      },
    );
    this.live.set(arn, { abort: execution.abort, done });
  }

  private finish(record: ExecutionRecord, result: Partial<ExecutionRecord>): void {
    if (result.status !== 'ABORTED') this.tokens.forget(record.executionArn);
    const stopped = { ...record, ...result, stopDate: Date.now() };
    this.registry.put(stopped);
    this.live.delete(record.executionArn);
    this.options.onStopped?.(stopped);
  }

  private async follow(arn: string, events: AsyncGenerator<ExecutionEvent>): Promise<void> {
    try {
      for await (const event of events) {
        this.options.onEvent?.(arn, event);
        if (event.type === 'StateEntered' && event.state) this.entered.get(arn)?.push(event.state.name);
        // A task that failed, timed out or finished can no longer be answered.
        if ((event.type === 'StateFailed' || event.type === 'StateExited') && event.state) {
          this.tokens.forget(arn, event.state.name, event.timestamp);
        }
      }
    } catch {
      // The log ends with the execution; its outcome is handled by run().
    }
  }

  private taskHandlers(executionArn: string): Record<string, (input: unknown) => Promise<unknown>> {
    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [stateName, state] of taskStates(this.definition.States as unknown as States)) {
      if (state.Resource !== LAMBDA_INVOKE && state.Resource !== WAIT_FOR_TOKEN) {
        throw new Error(
          `State ${stateName}: the local runner supports only Lambda invoke tasks, not ${state.Resource}`,
        );
      }
      handlers[stateName] = async (input: unknown) => {
        const { FunctionName, Payload } = input as { FunctionName: string; Payload: unknown };
        const handler = FunctionName.replace(LOCAL_FUNCTION_ARN, '');
        if (state.Resource === LAMBDA_INVOKE) {
          return { StatusCode: 200, Payload: await this.options.invoke(handler, Payload) };
        }
        const { token, result } = this.tokens.issue(executionArn, stateName);
        try {
          await this.options.invoke(handler, replaceToken(Payload, token));
        } catch (error) {
          this.tokens.forget(executionArn, stateName);
          throw error;
        }
        return result;
      };
    }
    return handlers;
  }
}
