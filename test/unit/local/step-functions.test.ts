import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  TaskDoesNotExist,
} from '@aws-sdk/client-sfn';
import { stepFunctionsEndpoint } from '../../../infra/local/step-functions/endpoint.js';
import type { ExecutionRecord } from '../../../infra/local/step-functions/executions.js';
import {
  LocalStepFunctions,
  type Invoke,
  type LocalStepFunctionsOptions,
} from '../../../infra/local/step-functions/runner.js';

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const WAIT_FOR_TOKEN = `${LAMBDA_INVOKE}.waitForTaskToken`;
const TOKEN_PLACEHOLDER = '__concord_local_task_token__';

type Behaviour = (payload: unknown, attempt: number) => unknown;
interface Call {
  handler: string;
  payload: unknown;
}

/** An error as a handler throws it: Catch and Retry match on its name. */
function namedError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

/** Handlers that hang until released keep an execution RUNNING without timers; released after each test. */
const gates: Array<() => void> = [];
const releaseGates = () => gates.splice(0).forEach((release) => release());
const heldUntilReleased: Behaviour = () =>
  new Promise((resolve) => gates.push(() => resolve({ released: true })));

/** Stands in for the in-process Lambda invoker: records every call, answers per handler. */
class FakeInvoke {
  readonly calls: Call[] = [];
  private readonly waiters: Array<{ matches: (call: Call) => boolean; resolve: (call: Call) => void }> = [];

  constructor(private readonly behaviours: Record<string, Behaviour> = {}) {}

  readonly invoke: Invoke = async (handler, payload) => {
    const call = { handler, payload };
    this.calls.push(call);
    const attempt = this.callsTo(handler).length;
    for (const waiter of this.waiters.filter((w) => w.matches(call))) waiter.resolve(call);
    const behaviour = this.behaviours[handler];
    return behaviour ? behaviour(payload, attempt) : { handledBy: handler };
  };

  callsTo(handler: string): unknown[] {
    return this.calls.filter((call) => call.handler === handler).map((call) => call.payload);
  }

  /** The payload of the n-th (1-based) call to a handler for a case, once it happens. */
  nthCall(handler: string, caseId: string, n = 1): Promise<unknown> {
    const matches = (call: Call) =>
      call.handler === handler && (call.payload as { caseId?: unknown }).caseId === caseId;
    const nth = () => this.calls.filter(matches)[n - 1];
    const seen = nth();
    if (seen) return Promise.resolve(seen.payload);
    return new Promise((resolve) =>
      this.waiters.push({
        matches: (call) => matches(call) && nth() === call,
        resolve: (call) => resolve(call.payload),
      }),
    );
  }

  /** The task token handed to the n-th call of a callback handler for a case. */
  async token(handler: string, caseId: string, n = 1): Promise<string> {
    const payload = (await this.nthCall(handler, caseId, n)) as { token?: unknown };
    if (typeof payload.token !== 'string') throw new Error(`No token in the payload of ${handler}`);
    return payload.token;
  }
}

function lambdaTask(placeholder: string, payload: Record<string, unknown>, rest: Record<string, unknown>) {
  return {
    Type: 'Task',
    Resource: LAMBDA_INVOKE,
    Parameters: { FunctionName: `\${${placeholder}}`, Payload: payload },
    ...rest,
  };
}

const FUNCTIONS = {
  FirstFn: 'first',
  SecondFn: 'second',
  AskFn: 'ask',
  AfterFn: 'after',
  CheckFn: 'check',
  HoldFn: 'hold',
};

const chainAsl = {
  StartAt: 'First',
  States: {
    First: lambdaTask(
      'FirstFn',
      { 'caseId.$': '$.caseId' },
      { ResultSelector: { 'value.$': '$.Payload' }, ResultPath: '$.first', Next: 'Second' },
    ),
    Second: lambdaTask(
      'SecondFn',
      { 'caseId.$': '$.caseId', 'fromFirst.$': '$.first.value' },
      { ResultSelector: { 'value.$': '$.Payload' }, ResultPath: '$.second', End: true },
    ),
  },
};

/** Ask waits for a task token; its answer flows into After. */
function callbackAsl(timeoutSeconds: number) {
  return {
    StartAt: 'Ask',
    States: {
      Ask: {
        Type: 'Task',
        Resource: WAIT_FOR_TOKEN,
        Parameters: {
          FunctionName: '${AskFn}',
          Payload: { 'caseId.$': '$.caseId', 'token.$': '$$.Task.Token' },
        },
        TimeoutSeconds: timeoutSeconds,
        ResultPath: '$.answer',
        Catch: [
          { ErrorEquals: ['Rejected'], ResultPath: '$.error', Next: 'Rejected' },
          { ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'TimedOut' },
        ],
        Next: 'After',
      } as Record<string, unknown>,
      After: lambdaTask(
        'AfterFn',
        { 'caseId.$': '$.caseId', 'answer.$': '$.answer' },
        { ResultSelector: { 'after.$': '$.Payload' }, ResultPath: '$.after', End: true },
      ),
      Rejected: { Type: 'Pass', End: true },
      TimedOut: { Type: 'Pass', End: true },
    },
  };
}

const errorAsl = {
  StartAt: 'Check',
  States: {
    Check: lambdaTask(
      'CheckFn',
      { 'caseId.$': '$.caseId' },
      {
        ResultPath: null,
        Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 30, MaxAttempts: 2, BackoffRate: 2 }],
        Catch: [{ ErrorEquals: ['CaseNotFoundError'], ResultPath: '$.error', Next: 'NotFound' }],
        Next: 'Done',
      },
    ),
    NotFound: { Type: 'Pass', End: true },
    Done: { Type: 'Succeed' },
  },
};

/** Hold runs a handler that hangs until released: the execution stays RUNNING meanwhile. */
const holdingAsl = {
  StartAt: 'Hold',
  States: {
    Hold: lambdaTask('HoldFn', { 'caseId.$': '$.caseId' }, { ResultPath: null, Next: 'Then' }),
    Then: lambdaTask('SecondFn', { 'caseId.$': '$.caseId' }, { ResultPath: null, End: true }),
  },
};

let dir: string;
let counter = 0;
const opened: LocalStepFunctions[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'concord-sfn-'));
});

afterEach(async () => {
  releaseGates();
  await Promise.all(opened.splice(0).map((sfn) => sfn.close()));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeAsl(definition: unknown): Promise<string> {
  counter += 1;
  const path = join(dir, `machine-${counter}.asl.json`);
  await writeFile(path, JSON.stringify(definition, null, 2));
  return path;
}

async function localSfn(
  definition: unknown,
  fake: FakeInvoke,
  extra: Partial<LocalStepFunctionsOptions> = {},
): Promise<LocalStepFunctions> {
  counter += 1;
  const sfn = new LocalStepFunctions({
    aslPath: await writeAsl(definition),
    functions: FUNCTIONS,
    invoke: fake.invoke,
    stateFile: join(dir, `executions-${counter}.json`),
    ...extra,
  });
  opened.push(sfn);
  return sfn;
}

/** A few turns of the event loop: enough for in-process handlers and the runner's event-log reader. */
async function turns(count = 5): Promise<void> {
  for (let i = 0; i < count; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

function outputOf(record: ExecutionRecord): unknown {
  if (record.output === undefined) throw new Error(`${record.name} has no output (status ${record.status})`);
  return JSON.parse(record.output);
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

const input = (caseId: string, extra: Record<string, unknown> = {}) => JSON.stringify({ caseId, ...extra });

describe('LocalStepFunctions', () => {
  it('runs a chain of lambda:invoke tasks to SUCCEEDED with the output', async () => {
    const fake = new FakeInvoke({ first: () => ({ n: 1 }), second: () => ({ n: 2 }) });
    const sfn = await localSfn(chainAsl, fake);

    const started = sfn.start('case-1', input('case-1'));
    expect(started.status).toBe('RUNNING');
    expect(started.executionArn).toBe(sfn.executionArn('case-1'));
    expect(started.stateMachineArn).toBe(sfn.stateMachineArn);

    const done = await sfn.settled(started.executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(sfn.describe(started.executionArn)).toEqual(done);
    expect(done.stopDate).toEqual(expect.any(Number));
    expect(outputOf(done)).toEqual({
      caseId: 'case-1',
      first: { value: { n: 1 } },
      second: { value: { n: 2 } },
    });
    expect(fake.calls).toEqual([
      { handler: 'first', payload: { caseId: 'case-1' } },
      { handler: 'second', payload: { caseId: 'case-1', fromFirst: { n: 1 } } },
    ]);
    await turns();
    expect(sfn.statesEntered(started.executionArn)).toEqual(['First', 'Second']);
  });

  it('refuses an ASL whose placeholder has no local function', async () => {
    const aslPath = await writeAsl(chainAsl);
    const error = thrown(
      () =>
        new LocalStepFunctions({
          aslPath,
          functions: { FirstFn: 'first' },
          invoke: new FakeInvoke().invoke,
          stateFile: join(dir, 'unused.json'),
        }),
    );
    expect(error.message).toContain('${SecondFn}');
  });

  it('describe() and stop() of an unknown execution throw ExecutionDoesNotExist', async () => {
    const sfn = await localSfn(chainAsl, new FakeInvoke());
    expect(thrown(() => sfn.describe(sfn.executionArn('nobody'))).name).toBe('ExecutionDoesNotExist');
    expect(thrown(() => sfn.stop(sfn.executionArn('nobody'))).name).toBe('ExecutionDoesNotExist');
    expect(sfn.statesEntered(sfn.executionArn('nobody'))).toEqual([]);
  });

  it('StartExecution is idempotent for the same name and input while RUNNING', async () => {
    const fake = new FakeInvoke({ hold: heldUntilReleased });
    const sfn = await localSfn(holdingAsl, fake);
    const first = sfn.start('case-2', input('case-2'));
    await fake.nthCall('hold', 'case-2');

    const again = sfn.start('case-2', input('case-2'));
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate).toBe(first.startDate);
    expect(again.status).toBe('RUNNING');
    expect(fake.callsTo('hold')).toHaveLength(1);

    expect(thrown(() => sfn.start('case-2', input('other'))).name).toBe('ExecutionAlreadyExists');
  });

  it('stop() marks the execution ABORTED, and its name cannot be reused', async () => {
    const fake = new FakeInvoke({ hold: heldUntilReleased });
    const sfn = await localSfn(holdingAsl, fake);
    const { executionArn } = sfn.start('case-3', input('case-3'));
    await fake.nthCall('hold', 'case-3');

    sfn.stop(executionArn, 'Cancelled', 'by the test');
    const record = await sfn.settled(executionArn);
    expect(record.status).toBe('ABORTED');
    expect(record.stopDate).toEqual(expect.any(Number));
    expect(record).toMatchObject({ error: 'Cancelled', cause: 'by the test' });
    expect(record.output).toBeUndefined();
    await turns();
    expect(sfn.statesEntered(executionArn)).toEqual(['Hold']);

    // Stopping again changes nothing; a finished execution's name is taken even with the same input.
    expect(sfn.stop(executionArn)).toBe(record.stopDate);
    expect(sfn.describe(executionArn)).toEqual(record);
    expect(thrown(() => sfn.start('case-3', input('case-3'))).name).toBe('ExecutionAlreadyExists');
  });

  it('a stopped execution runs no further state and stays ABORTED', async () => {
    const fake = new FakeInvoke({ hold: heldUntilReleased });
    const sfn = await localSfn(holdingAsl, fake);
    const { executionArn } = sfn.start('case-15', input('case-15'));
    await fake.nthCall('hold', 'case-15');

    sfn.stop(executionArn);
    releaseGates();
    await turns(20);

    expect(sfn.describe(executionArn).status).toBe('ABORTED');
    expect(fake.callsTo('second')).toEqual([]);
  });

  it('stop() returns the stopDate it records', async () => {
    let clock = 1_700_000_000_000;
    const now = jest.spyOn(Date, 'now').mockImplementation(() => (clock += 1000));
    try {
      const fake = new FakeInvoke({ hold: heldUntilReleased });
      const sfn = await localSfn(holdingAsl, fake);
      const { executionArn } = sfn.start('case-14', input('case-14'));
      await fake.nthCall('hold', 'case-14');

      const stopDate = sfn.stop(executionArn);
      expect(sfn.describe(executionArn).stopDate).toBe(stopDate);
    } finally {
      now.mockRestore();
    }
  });

  it('statesEntered() is complete once settled() resolves', async () => {
    const fake = new FakeInvoke({
      check: () => {
        throw namedError('CaseNotFoundError', 'gone');
      },
    });
    const sfn = await localSfn(errorAsl, fake);
    const { executionArn } = sfn.start('case-13', input('case-13'));

    await sfn.settled(executionArn);
    expect(sfn.statesEntered(executionArn)).toEqual(['Check', 'NotFound']);
  });

  describe('.waitForTaskToken', () => {
    it('hands the handler a real token; succeed() resumes the execution and its output flows on', async () => {
      const fake = new FakeInvoke({ after: (payload) => ({ saw: payload }) });
      const sfn = await localSfn(callbackAsl(30), fake);
      const { executionArn } = sfn.start('case-4', input('case-4'));

      const token = await fake.token('ask', 'case-4');
      expect(token).not.toBe(TOKEN_PLACEHOLDER);
      expect(token).not.toContain(TOKEN_PLACEHOLDER);
      expect(token.length).toBeGreaterThanOrEqual(32);
      expect(fake.callsTo('ask')).toEqual([{ caseId: 'case-4', token }]);
      expect(sfn.describe(executionArn).status).toBe('RUNNING');

      sfn.tokens.heartbeat(token);
      sfn.tokens.succeed(token, { approved: true });
      const record = await sfn.settled(executionArn);

      expect(record.status).toBe('SUCCEEDED');
      expect(fake.callsTo('after')).toEqual([{ caseId: 'case-4', answer: { approved: true } }]);
      expect(outputOf(record)).toEqual({
        caseId: 'case-4',
        answer: { approved: true },
        after: { after: { saw: { caseId: 'case-4', answer: { approved: true } } } },
      });
      await turns();
      expect(sfn.statesEntered(executionArn)).toEqual(['Ask', 'After']);
      // A token answers once.
      expect(thrown(() => sfn.tokens.succeed(token, {})).name).toBe('TaskDoesNotExist');
    });

    it('every waiting execution gets its own token', async () => {
      const fake = new FakeInvoke();
      const sfn = await localSfn(callbackAsl(30), fake);
      const a = sfn.start('case-16', input('case-16'));
      const b = sfn.start('case-17', input('case-17'));
      const [tokenA, tokenB] = await Promise.all([
        fake.token('ask', 'case-16'),
        fake.token('ask', 'case-17'),
      ]);
      expect(tokenA).not.toBe(tokenB);

      sfn.tokens.succeed(tokenB, { who: 'b' });
      sfn.tokens.succeed(tokenA, { who: 'a' });
      expect(outputOf(await sfn.settled(a.executionArn))).toMatchObject({ answer: { who: 'a' } });
      expect(outputOf(await sfn.settled(b.executionArn))).toMatchObject({ answer: { who: 'b' } });
    });

    it('fail() raises the named error, which a Catch on that name handles', async () => {
      const fake = new FakeInvoke();
      const sfn = await localSfn(callbackAsl(30), fake);
      const { executionArn } = sfn.start('case-5', input('case-5'));

      sfn.tokens.fail(await fake.token('ask', 'case-5'), 'Rejected', 'why');
      const record = await sfn.settled(executionArn);

      expect(record.status).toBe('SUCCEEDED');
      expect(outputOf(record)).toEqual({ caseId: 'case-5', error: { Error: 'Rejected', Cause: 'why' } });
      await turns();
      expect(sfn.statesEntered(executionArn)).toEqual(['Ask', 'Rejected']);
      expect(fake.callsTo('after')).toEqual([]);
    });

    it('an unknown token throws TaskDoesNotExist for success, failure and heartbeat', async () => {
      const sfn = await localSfn(callbackAsl(30), new FakeInvoke());
      expect(thrown(() => sfn.tokens.succeed('no-such-token', {})).name).toBe('TaskDoesNotExist');
      expect(thrown(() => sfn.tokens.fail('no-such-token', 'Rejected', 'why')).name).toBe('TaskDoesNotExist');
      expect(thrown(() => sfn.tokens.heartbeat('no-such-token')).name).toBe('TaskDoesNotExist');
    });

    it('times out after TimeoutSeconds with States.Timeout, and the token is gone', async () => {
      const fake = new FakeInvoke();
      const sfn = await localSfn(callbackAsl(1), fake);
      const { executionArn } = sfn.start('case-6', input('case-6'));
      const token = await fake.token('ask', 'case-6');

      const record = await sfn.settled(executionArn);

      expect(record.status).toBe('SUCCEEDED');
      expect(outputOf(record)).toMatchObject({ caseId: 'case-6', error: { Error: 'States.Timeout' } });
      await turns();
      expect(sfn.statesEntered(executionArn)).toEqual(['Ask', 'TimedOut']);
      expect(thrown(() => sfn.tokens.succeed(token, {})).name).toBe('TaskDoesNotExist');
      expect(thrown(() => sfn.tokens.heartbeat(token)).name).toBe('TaskDoesNotExist');
    });

    it('a handler that throws fails the callback task at once, and its token is gone', async () => {
      const fake = new FakeInvoke({
        ask: () => {
          throw namedError('Rejected', 'handler refused');
        },
      });
      const sfn = await localSfn(callbackAsl(30), fake);
      const { executionArn } = sfn.start('case-7', input('case-7'));
      const token = await fake.token('ask', 'case-7');

      const record = await sfn.settled(executionArn);
      expect(outputOf(record)).toEqual({
        caseId: 'case-7',
        error: { Error: 'Rejected', Cause: 'handler refused' },
      });
      expect(thrown(() => sfn.tokens.succeed(token, {})).name).toBe('TaskDoesNotExist');
    });

    it('a callback task retried after a handler error hands out a fresh token that works', async () => {
      const definition = callbackAsl(5);
      definition.States.Ask.Retry = [{ ErrorEquals: ['Flaky'], MaxAttempts: 1 }];
      const fake = new FakeInvoke({
        ask: (_payload, attempt) => {
          if (attempt === 1) throw namedError('Flaky', 'first attempt');
          return {};
        },
      });
      const sfn = await localSfn(definition, fake, { retryIntervalOverrides: { Ask: 0 } });
      const { executionArn } = sfn.start('case-12', input('case-12'));

      const first = await fake.token('ask', 'case-12', 1);
      const second = await fake.token('ask', 'case-12', 2);
      expect(second).not.toBe(first);
      expect(thrown(() => sfn.tokens.succeed(first, {})).name).toBe('TaskDoesNotExist');
      sfn.tokens.succeed(second, { approved: true });

      const record = await sfn.settled(executionArn);
      expect(record.status).toBe('SUCCEEDED');
      expect(outputOf(record)).toMatchObject({ answer: { approved: true } });
    });
  });

  describe('errors from handlers', () => {
    it('a Catch on the error name handles a CaseNotFoundError, without retrying it', async () => {
      const fake = new FakeInvoke({
        check: () => {
          throw namedError('CaseNotFoundError', 'no case case-8');
        },
      });
      const sfn = await localSfn(errorAsl, fake, { retryIntervalOverrides: { Check: 0 } });
      const { executionArn } = sfn.start('case-8', input('case-8'));

      const record = await sfn.settled(executionArn);
      expect(record.status).toBe('SUCCEEDED');
      expect(outputOf(record)).toEqual({
        caseId: 'case-8',
        error: { Error: 'CaseNotFoundError', Cause: 'no case case-8' },
      });
      expect(fake.callsTo('check')).toHaveLength(1);
      await turns();
      expect(sfn.statesEntered(executionArn)).toEqual(['Check', 'NotFound']);
    });

    it('Retry on a named error calls the handler again until it succeeds', async () => {
      const fake = new FakeInvoke({
        check: (_payload, attempt) => {
          if (attempt < 3) throw namedError('Flaky', `attempt ${attempt}`);
          return { ok: true };
        },
      });
      const sfn = await localSfn(errorAsl, fake, { retryIntervalOverrides: { Check: 0 } });
      const { executionArn } = sfn.start('case-9', input('case-9'));

      const record = await sfn.settled(executionArn);
      expect(record.status).toBe('SUCCEEDED');
      expect(fake.callsTo('check')).toHaveLength(3);
      expect(outputOf(record)).toEqual({ caseId: 'case-9' });
      await turns();
      // A retried state is entered once.
      expect(sfn.statesEntered(executionArn)).toEqual(['Check', 'Done']);
    });

    it('when the retries run out and nothing catches the error, the execution FAILS with it', async () => {
      const fake = new FakeInvoke({
        check: (_payload, attempt) => {
          throw namedError('Flaky', `attempt ${attempt}`);
        },
      });
      const stopped: ExecutionRecord[] = [];
      const sfn = await localSfn(errorAsl, fake, {
        retryIntervalOverrides: { Check: 0 },
        onStopped: (execution) => stopped.push(execution),
      });
      const { executionArn } = sfn.start('case-10', input('case-10'));

      const record = await sfn.settled(executionArn);
      // MaxAttempts 2: the first call and two retries.
      expect(fake.callsTo('check')).toHaveLength(3);
      expect(record.status).toBe('FAILED');
      expect(record.error).toBe('Flaky');
      expect(record.cause).toContain('attempt 3');
      expect(record.output).toBeUndefined();
      expect(stopped).toEqual([record]);
    });
  });

  describe('persistence', () => {
    it('close() keeps a waiting execution RUNNING on disk; resume() reruns it from the start', async () => {
      const stateFile = join(dir, 'resume.json');
      const aslPath = await writeAsl(callbackAsl(30));
      const options = { aslPath, functions: FUNCTIONS, stateFile };

      const before = new FakeInvoke();
      const first = new LocalStepFunctions({ ...options, invoke: before.invoke });
      opened.push(first);
      const { executionArn } = first.start('case-11', input('case-11'));
      const oldToken = await before.token('ask', 'case-11');
      await first.close();
      // close() leaves the aborted run's task pending, and with it the task's TimeoutSeconds timer,
      // which would keep the process alive: settle it by hand (tolerating a runner that already did).
      try {
        first.tokens.succeed(oldToken, {});
      } catch (error) {
        expect((error as Error).name).toBe('TaskDoesNotExist');
      }

      const onDisk = (await readFile(stateFile, 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as ExecutionRecord);
      expect(onDisk).toEqual([expect.objectContaining({ executionArn, status: 'RUNNING' })]);
      expect(onDisk[0].stopDate).toBeUndefined();

      const after = new FakeInvoke();
      const second = new LocalStepFunctions({ ...options, invoke: after.invoke });
      opened.push(second);
      expect(second.describe(executionArn).status).toBe('RUNNING');
      expect(second.resume()).toBe(1);

      const newToken = await after.token('ask', 'case-11');
      expect(newToken).not.toBe(oldToken);
      expect(newToken).not.toBe(TOKEN_PLACEHOLDER);
      expect(thrown(() => second.tokens.succeed(oldToken, {})).name).toBe('TaskDoesNotExist');

      second.tokens.succeed(newToken, { approved: true });
      const record = await second.settled(executionArn);
      expect(record.status).toBe('SUCCEEDED');
      expect(outputOf(record)).toMatchObject({ caseId: 'case-11', answer: { approved: true } });
      await turns();
      expect(second.statesEntered(executionArn)).toEqual(['Ask', 'After']);
      expect(before.callsTo('after')).toEqual([]);
      expect(after.callsTo('after')).toEqual([{ caseId: 'case-11', answer: { approved: true } }]);

      // The outcome is on disk: a third start has nothing to resume.
      const third = new LocalStepFunctions({ ...options, invoke: new FakeInvoke().invoke });
      opened.push(third);
      expect(third.describe(executionArn).status).toBe('SUCCEEDED');
      expect(third.resume()).toBe(0);
    });
  });
});

describe('stepFunctionsEndpoint with @aws-sdk/client-sfn', () => {
  const endpointAsl = {
    StartAt: 'Route',
    States: {
      Route: {
        Type: 'Choice',
        // A Choice on a missing Variable is a runtime error, as on AWS: every input here sets mode.
        Choices: [{ Variable: '$.mode', StringEquals: 'hold', Next: 'Hold' }],
        Default: 'Ask',
      },
      Hold: lambdaTask('HoldFn', { 'caseId.$': '$.caseId' }, { ResultPath: null, End: true }),
      ...callbackAsl(30).States,
    },
  };
  const fake = new FakeInvoke({ hold: heldUntilReleased });
  let stateDir: string;
  let sfn: LocalStepFunctions;
  let server: Server;
  let client: SFNClient;

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'concord-sfn-endpoint-'));
    const aslPath = join(stateDir, 'machine.asl.json');
    await writeFile(aslPath, JSON.stringify(endpointAsl));
    sfn = new LocalStepFunctions({
      aslPath,
      functions: FUNCTIONS,
      invoke: fake.invoke,
      stateFile: join(stateDir, 'executions.json'),
    });
    server = stepFunctionsEndpoint(sfn);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new SFNClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
  });

  afterAll(async () => {
    client.destroy();
    releaseGates();
    await sfn.close();
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
    await rm(stateDir, { recursive: true, force: true });
  });

  const start = (name: string, mode: 'ask' | 'hold', caseId = name) =>
    client.send(
      new StartExecutionCommand({
        stateMachineArn: sfn.stateMachineArn,
        name,
        input: input(caseId, { mode }),
      }),
    );

  it('StartExecution, DescribeExecution, SendTaskHeartbeat and SendTaskSuccess', async () => {
    const started = await start('api-1', 'ask');
    expect(started.executionArn).toBe(sfn.executionArn('api-1'));
    expect(started.startDate).toBeInstanceOf(Date);

    const token = await fake.token('ask', 'api-1');
    const running = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    expect(running).toMatchObject({
      executionArn: started.executionArn,
      stateMachineArn: sfn.stateMachineArn,
      name: 'api-1',
      status: 'RUNNING',
      input: input('api-1', { mode: 'ask' }),
    });
    expect(running.startDate).toBeInstanceOf(Date);
    expect(running.startDate?.getTime()).toBe(started.startDate?.getTime());
    expect(running.stopDate).toBeUndefined();
    expect(running.output).toBeUndefined();

    await client.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await client.send(
      new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ approved: true }) }),
    );
    await sfn.settled(sfn.executionArn('api-1'));

    const done = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    expect(done.status).toBe('SUCCEEDED');
    expect(done.stopDate).toBeInstanceOf(Date);
    expect(done.stopDate!.getTime()).toBeGreaterThanOrEqual(done.startDate!.getTime());
    expect(JSON.parse(done.output ?? 'null')).toMatchObject({ caseId: 'api-1', answer: { approved: true } });

    // The task is over: its token answers no more.
    await expect(
      client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toBeInstanceOf(TaskDoesNotExist);
    await expect(client.send(new SendTaskHeartbeatCommand({ taskToken: token }))).rejects.toBeInstanceOf(
      TaskDoesNotExist,
    );
  });

  it('SendTaskFailure raises the error in the execution', async () => {
    const { executionArn } = await start('api-2', 'ask');
    const token = await fake.token('ask', 'api-2');

    await client.send(new SendTaskFailureCommand({ taskToken: token, error: 'Rejected', cause: 'why' }));
    await sfn.settled(executionArn!);

    const done = await client.send(new DescribeExecutionCommand({ executionArn }));
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? 'null')).toEqual({
      caseId: 'api-2',
      mode: 'ask',
      error: { Error: 'Rejected', Cause: 'why' },
    });
  });

  it('StopExecution aborts a running execution', async () => {
    const { executionArn } = await start('api-3', 'hold');
    await fake.nthCall('hold', 'api-3');
    const stopped = await client.send(
      new StopExecutionCommand({ executionArn, error: 'Cancelled', cause: 'by the test' }),
    );
    expect(stopped.stopDate).toBeInstanceOf(Date);

    const described = await client.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'by the test' });
    expect(described.stopDate).toBeInstanceOf(Date);
    expect(described.stopDate!.getTime()).toBeGreaterThanOrEqual(described.startDate!.getTime());
  });

  it('StartExecution with the same name: same input is idempotent, other input is ExecutionAlreadyExists', async () => {
    const first = await start('api-4', 'hold');
    const again = await start('api-4', 'hold');
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate?.getTime()).toBe(first.startDate?.getTime());

    await expect(start('api-4', 'hold', 'other')).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  it('errors surface as the SDK exception classes', async () => {
    const unknownArn = sfn.executionArn('api-unknown');
    await expect(
      client.send(new DescribeExecutionCommand({ executionArn: unknownArn })),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(client.send(new StopExecutionCommand({ executionArn: unknownArn }))).rejects.toBeInstanceOf(
      ExecutionDoesNotExist,
    );
    await expect(
      client.send(new SendTaskSuccessCommand({ taskToken: 'no-such-token', output: '{}' })),
    ).rejects.toBeInstanceOf(TaskDoesNotExist);
    await expect(
      client.send(new SendTaskFailureCommand({ taskToken: 'no-such-token', error: 'Rejected' })),
    ).rejects.toBeInstanceOf(TaskDoesNotExist);
    await expect(
      client.send(
        new StartExecutionCommand({
          stateMachineArn: `${sfn.stateMachineArn}-other`,
          name: 'api-5',
          input: '{}',
        }),
      ),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
  });
});
