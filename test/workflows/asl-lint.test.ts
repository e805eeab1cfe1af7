import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StateMachine } from 'aws-local-stepfunctions';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { ASL_PATH, WORKFLOW_FUNCTIONS } from '../../infra/routes.js';
import {
  callbackTimeouts,
  idsOnly,
  jsonataFeatures,
  LAMBDA_INVOKE,
  lintAsl,
  pathsToTerminal,
  scopes,
  STOP_ERRORS,
  taskErrorHandling,
  taskResources,
  transitions,
  transitionTargets,
  unreachableStates,
  WAIT_FOR_TOKEN,
} from './asl-rules.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const asl = JSON.parse(readFileSync(join(ROOT, ASL_PATH), 'utf8')) as Record<string, unknown>;

describe(`${ASL_PATH}`, () => {
  it('uses JSONPath only: no QueryLanguage, Assign, Arguments, Output or {% JSONata %}', () => {
    expect(jsonataFeatures(asl)).toEqual([]);
  });

  it('every Task retries transient errors and its function’s faults, not errors thrown on purpose, and catches all', () => {
    expect(taskErrorHandling(asl)).toEqual([]);
  });

  it('every Task is a Lambda invoke of a WORKFLOW_FUNCTIONS placeholder, and every one is used', () => {
    expect(taskResources(asl, WORKFLOW_FUNCTIONS)).toEqual([]);
  });

  it('every .waitForTaskToken Task sets its own timeout', () => {
    expect(callbackTimeouts(asl)).toEqual([]);
  });

  it('every transition target exists', () => {
    expect(transitionTargets(asl)).toEqual([]);
  });

  it('every state is reachable from StartAt', () => {
    expect(unreachableStates(asl)).toEqual([]);
  });

  it('every state has a path to a terminal state', () => {
    expect(pathsToTerminal(asl)).toEqual([]);
  });

  it('Parameters pass IDs only', () => {
    expect(idsOnly(asl)).toEqual([]);
  });

  it('has Tasks to lint, and lintAsl() agrees with the rules', () => {
    const taskStates = scopes(asl)
      .flatMap((scope) => Object.values(scope.States))
      .filter((s) => s.Type === 'Task');
    expect(taskStates.length).toBeGreaterThan(0);
    expect(lintAsl(asl, WORKFLOW_FUNCTIONS)).toEqual([]);
  });

  it('is a valid state machine for aws-local-stepfunctions', () => {
    expect(() => new StateMachine(asl as unknown as StateMachineDefinition)).not.toThrow();
  });
});

type State = Record<string, unknown> & { Type: string };
const states = (asl as { States: Record<string, State> }).States;
const state = (name: string) => {
  const found = states[name];
  if (!found) throw new Error(`No state ${name}`);
  return found;
};
const asRuleState = (found: State) => found as Parameters<typeof transitions>[0];
const payloadOf = (name: string) => (state(name).Parameters as { Payload: Record<string, unknown> }).Payload;

/** The states reachable from StartAt when `without` is taken out of the machine. */
function reachableWithout(without: string): Set<string> {
  const seen = new Set<string>();
  const queue = [(asl as { StartAt: string }).StartAt];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (seen.has(name) || name === without || !states[name]) continue;
    seen.add(name);
    for (const { target } of transitions(asRuleState(states[name]))) queue.push(String(target));
  }
  return seen;
}

describe(`${ASL_PATH}: records gathering`, () => {
  it('every way to the claim notice and completion goes through GatherRecords', () => {
    const reached = reachableWithout('GatherRecords');

    expect(reached.has('CheckCoverage')).toBe(true);
    expect(reached.has('SendClaimNotice')).toBe(false);
    expect(reached.has('FinishCase')).toBe(false);
    expect(reached.has('RecordsIncompleteApproval')).toBe(false);
  });

  it('every coverage outcome that goes on leads to GatherRecords', () => {
    const next = (name: string) => transitions(asRuleState(state(name))).map(({ target }) => target);

    expect(state('CoverageRoute').Default).toBe('GatherRecords');
    expect(next('CoverageApprovalRoute')).toContain('GatherRecords');
    expect(next('PriorAuthorizationRoute')).toContain('GatherRecords');
    expect(next('PriorAuthorizationDeniedRoute')).toContain('GatherRecords');
    expect(next('PriorAuthorizationOverdueRoute')).toContain('GatherRecords');
  });

  it('GatherRecords is a records callback waiting recordsReminderSeconds, loaded by LoadSettings', () => {
    const gather = state('GatherRecords');

    expect(gather.Resource).toBe(WAIT_FOR_TOKEN);
    expect(payloadOf('GatherRecords')).toMatchObject({ kind: 'records', purpose: 'records', round: 1 });
    expect(gather.TimeoutSecondsPath).toBe('$.settings.recordsReminderSeconds');
    expect(payloadOf('GatherRecords')['timeoutSeconds.$']).toBe('$.settings.recordsReminderSeconds');
    expect(state('LoadSettings').ResultSelector).toMatchObject({
      'recordsReminderSeconds.$': '$.Payload.recordsReminderSeconds',
    });
    expect(gather.Next).toBe('StartMatching');
  });

  it('a timeout reminds and waits again; when reminders run out a coordinator decides: proceed or close', () => {
    const onTimeout = (state('GatherRecords').Catch as Array<{ ErrorEquals: string[]; Next: string }>).find(
      (catcher) => catcher.ErrorEquals.includes('States.Timeout'),
    );
    const expired = (
      state('GatherRecordsTimedOut').Catch as Array<{ ErrorEquals: string[]; Next: string }>
    ).find((catcher) => catcher.ErrorEquals.includes('CallbackExpiredError'));

    expect(onTimeout?.Next).toBe('GatherRecordsTimedOut');
    expect(payloadOf('GatherRecordsTimedOut')).toMatchObject({ kind: 'records', purpose: 'records' });
    expect(state('GatherRecordsTimedOut').Next).toBe('GatherRecords');
    expect(expired?.Next).toBe('RecordsIncompleteApproval');
    expect(payloadOf('RecordsIncompleteApproval')).toMatchObject({
      kind: 'approval',
      purpose: 'records-incomplete',
    });
    expect(state('RecordsIncompleteApprovalRoute')).toMatchObject({
      Choices: [{ Variable: '$.recordsApproval.decision', StringEquals: 'approve', Next: 'StartMatching' }],
      Default: 'RecordsIncompleteClose',
    });
    expect(state('RecordsIncompleteClose')).toMatchObject({
      Result: { reason: 'records-incomplete' },
      Next: 'CloseCase',
    });
  });
});

/** A small valid machine; each test below breaks one thing in a copy of it. */
function goodMachine() {
  const retry = [
    { ErrorEquals: ['Lambda.ServiceException'], MaxAttempts: 3 },
    { ErrorEquals: STOP_ERRORS, MaxAttempts: 0 },
    { ErrorEquals: ['States.TaskFailed'], MaxAttempts: 3 },
  ];
  const catchAll = [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Broken' }];
  return {
    StartAt: 'Check',
    States: {
      Check: {
        Type: 'Task',
        Resource: LAMBDA_INVOKE,
        Parameters: { FunctionName: '${CheckFn}', Payload: { 'caseId.$': '$.caseId' } },
        ResultSelector: { 'outcome.$': '$.Payload.outcome' },
        ResultPath: '$.check',
        Retry: retry,
        Catch: catchAll,
        Next: 'Route',
      } as Record<string, unknown>,
      Route: {
        Type: 'Choice',
        Choices: [{ Variable: '$.check.outcome', StringEquals: 'ask', Next: 'Ask' }],
        Default: 'Done',
      } as Record<string, unknown>,
      Ask: {
        Type: 'Task',
        Resource: WAIT_FOR_TOKEN,
        Parameters: {
          FunctionName: '${AskFn}',
          Payload: {
            'caseId.$': '$.caseId',
            'token.$': '$$.Task.Token',
            'execution.$': '$$.Execution.Name',
            'timeoutSeconds.$': '$.timeoutSeconds',
          },
        },
        TimeoutSecondsPath: '$.timeoutSeconds',
        ResultPath: '$.answer',
        Retry: retry,
        Catch: catchAll,
        Next: 'Done',
      } as Record<string, unknown>,
      Done: { Type: 'Succeed' } as Record<string, unknown>,
      Broken: { Type: 'Fail', Error: 'Broken' } as Record<string, unknown>,
    },
  };
}
const FUNCTIONS = { CheckFn: 'check', AskFn: 'ask' };

/** The good machine wrapped in a Parallel branch, to check the rules look inside. */
function nested(inner: ReturnType<typeof goodMachine>) {
  return {
    StartAt: 'Fan',
    States: { Fan: { Type: 'Parallel', Branches: [inner], End: true } },
  };
}

describe(`${ASL_PATH}: matching, opinions and comparison`, () => {
  const targets = (name: string) => transitions(asRuleState(state(name))).map(({ target }) => String(target));

  it('every way to the report, the claim notice and completion goes through an opinion and its comparison', () => {
    for (const gate of ['MatchSpecialist', 'AwaitOpinion', 'RecordOpinion', 'CompareOpinions']) {
      const reached = reachableWithout(gate);
      expect([
        gate,
        reached.has('DeliverReport'),
        reached.has('SendClaimNotice'),
        reached.has('FinishCase'),
      ]).toEqual([gate, false, false, false]);
    }
    expect(state('GatherRecords').Next).toBe('StartMatching');
    expect(state('DeliverReport').Next).toBe('SendClaimNotice');
  });

  it('each match attempt is the round of its approval and assignment callbacks', () => {
    expect(state('StartMatching').Result).toEqual({ attempt: 1 });
    expect(payloadOf('MatchSpecialist')).toMatchObject({ 'attempt.$': '$.match.attempt' });
    expect(payloadOf('MatchApproval')).toMatchObject({
      kind: 'approval',
      purpose: 'specialist-match',
      'round.$': '$.match.attempt',
    });
    expect(payloadOf('AwaitOpinion')).toMatchObject({
      kind: 'assignment',
      purpose: 'opinion',
      'round.$': '$.match.attempt',
      'timeoutSeconds.$': '$.settings.opinionSlaSeconds',
    });
    expect(state('NextMatch').Parameters).toEqual({ 'attempt.$': 'States.MathAdd($.match.attempt, 1)' });
  });

  it('reject, decline, withdrawal and a lapsed SLA end the attempt and match again; more tests wait for records', () => {
    expect(targets('MatchApprovalRoute')).toEqual(['AwaitOpinion', 'MatchRejected']);
    expect(targets('OpinionRoute')).toEqual([
      'AssignmentDeclined',
      'AssignmentWithdrawn',
      'RequestMoreTests',
      'RecordOpinion',
    ]);
    expect(targets('AssignmentWithdrawn')).toEqual(['EndAssignment']);
    expect(targets('AwaitOpinionTimedOut')).toEqual(
      expect.arrayContaining(['AwaitOpinion', 'AssignmentLapsed', 'MarkNeedsAttention']),
    );
    for (const [pass, outcome] of [
      ['MatchRejected', 'rejected'],
      ['AssignmentDeclined', 'declined'],
      ['AssignmentLapsed', 'timed-out'],
    ] as const) {
      expect(state(pass)).toMatchObject({ Result: { outcome }, Next: 'EndAssignment' });
    }
    expect(state('EndAssignment').Next).toBe('NextMatch');
    expect(state('NextMatch').Next).toBe('MatchSpecialist');
    expect(payloadOf('RequestMoreTests')).toMatchObject({ kind: 'records', purpose: 'more-tests' });
    expect(state('RequestMoreTests').Next).toBe('ContinueWithSpecialist');
    expect(state('ContinueAssignment').Next).toBe('AwaitOpinion');
  });

  it('an escalation asks the coordinator; approve matches again, otherwise the report goes out', () => {
    expect(state('CompareRoute')).toMatchObject({
      Choices: [{ Variable: '$.comparison.outcome', StringEquals: 'escalate', Next: 'ThirdOpinionApproval' }],
      Default: 'DeliverReport',
    });
    expect(payloadOf('ThirdOpinionApproval')).toMatchObject({ kind: 'approval', purpose: 'third-opinion' });
    expect(targets('ThirdOpinionRoute')).toEqual(['NextMatch', 'DeliverReport']);
  });
});

describe('the ASL rules catch bad definitions', () => {
  it('the fixture passes every rule, also nested in a Parallel', () => {
    expect(lintAsl(goodMachine(), FUNCTIONS)).toEqual([]);
    expect(lintAsl(nested(goodMachine()), FUNCTIONS)).toEqual([]);
  });

  it('jsonataFeatures: QueryLanguage, Assign, Arguments, Output and {% %}, at any depth', () => {
    const top = { ...goodMachine(), QueryLanguage: 'JSONata' };
    expect(jsonataFeatures(top)).toEqual(['$.QueryLanguage: QueryLanguage is not supported locally']);

    const machine = goodMachine();
    machine.States.Check.Assign = { outcome: '{% $states.result.Payload.outcome %}' };
    machine.States.Ask.Arguments = { FunctionName: '${AskFn}' };
    machine.States.Done.Output = { caseId: 1 };
    const violations = jsonataFeatures(nested(machine));
    expect(violations).toEqual([
      '$.States.Fan.Branches[0].States.Check.Assign: Assign is not supported locally',
      '$.States.Fan.Branches[0].States.Check.Assign.outcome: JSONata expression {% $states.result.Payload.outcome %}',
      '$.States.Fan.Branches[0].States.Ask.Arguments: Arguments is not supported locally',
      '$.States.Fan.Branches[0].States.Done.Output: Output is not supported locally',
    ]);
  });

  it('taskErrorHandling: a Task without Retry, with an empty Retry, or without a catch-all', () => {
    const machine = goodMachine();
    delete machine.States.Check.Retry;
    machine.States.Ask.Retry = [];
    machine.States.Ask.Catch = [{ ErrorEquals: ['States.TaskFailed'], Next: 'Broken' }];
    expect(taskErrorHandling(machine)).toEqual([
      'States.Check: no Retry',
      'States.Ask: no Retry',
      'States.Ask: no Catch on States.ALL',
    ]);

    const inner = goodMachine();
    delete inner.States.Check.Catch;
    expect(taskErrorHandling(nested(inner))).toEqual([
      'States.Fan.Branches[0].States.Check: no Catch on States.ALL',
    ]);
  });

  it('taskErrorHandling: a Task that does not retry its function’s faults, or retries an error thrown on purpose', () => {
    const machine = goodMachine();
    machine.States.Check.Retry = [{ ErrorEquals: ['Lambda.ServiceException'] }];
    machine.States.Ask.Retry = [
      { ErrorEquals: ['NoSpecialistError'], MaxAttempts: 0 },
      { ErrorEquals: ['States.ALL'], MaxAttempts: 2 },
    ];
    expect(taskErrorHandling(machine)).toEqual([
      "States.Check: does not retry its function's faults (States.TaskFailed)",
      ...STOP_ERRORS.filter((error) => error !== 'NoSpecialistError').map(
        (error) => `States.Ask: retries ${error}`,
      ),
    ]);
  });

  it('taskResources: other resources, literal or unknown function names, unused functions', () => {
    const machine = goodMachine();
    machine.States.Check.Resource = 'arn:aws:states:::dynamodb:putItem';
    machine.States.Ask.Parameters = { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:ask' };
    expect(taskResources(machine, FUNCTIONS)).toEqual([
      'States.Check: Resource arn:aws:states:::dynamodb:putItem is not a Lambda invoke',
      'States.Ask: FunctionName must be a ${Placeholder}, not "arn:aws:lambda:us-east-1:123456789012:function:ask"',
      'WORKFLOW_FUNCTIONS.CheckFn is not used by any Task',
      'WORKFLOW_FUNCTIONS.AskFn is not used by any Task',
    ]);

    expect(taskResources(goodMachine(), { CheckFn: 'check', OtherFn: 'other' })).toEqual([
      'States.Ask: ${AskFn} is not in WORKFLOW_FUNCTIONS',
      'WORKFLOW_FUNCTIONS.OtherFn is not used by any Task',
    ]);
  });

  it('callbackTimeouts: a .waitForTaskToken Task without TimeoutSeconds(Path)', () => {
    const machine = goodMachine();
    delete machine.States.Ask.TimeoutSecondsPath;
    expect(callbackTimeouts(machine)).toEqual([
      'States.Ask: a .waitForTaskToken Task needs TimeoutSeconds or TimeoutSecondsPath',
    ]);
    machine.States.Ask.TimeoutSeconds = 3600;
    expect(callbackTimeouts(machine)).toEqual([]);
  });

  it('callbackTimeouts: a TimeoutSecondsPath the Payload does not carry (the local runner reads it there)', () => {
    const machine = goodMachine();
    machine.States.Ask.TimeoutSecondsPath = '$.settings.timeout';
    expect(callbackTimeouts(machine)).toEqual([
      'States.Ask: TimeoutSecondsPath $.settings.timeout must also be passed in the Payload',
    ]);
  });

  it('transitionTargets: missing Next, Default, Choice and Catch targets, and dead ends', () => {
    const machine = goodMachine();
    machine.States.Check.Next = 'Nowhere';
    machine.States.Route.Default = 'Elsewhere';
    machine.States.Route.Choices = [{ Variable: '$.x', StringEquals: 'y', Next: 'Missing' }];
    machine.States.Ask.Catch = [{ ErrorEquals: ['States.ALL'], Next: 'Gone' }];
    machine.States.Done = { Type: 'Pass' };
    expect(transitionTargets(machine)).toEqual([
      'States.Check.Next: "Nowhere" does not exist',
      'States.Route.Choices[0].Next: "Missing" does not exist',
      'States.Route.Default: "Elsewhere" does not exist',
      'States.Ask.Catch[0].Next: "Gone" does not exist',
      'States.Done: neither Next nor End',
    ]);
    expect(transitionTargets({ ...goodMachine(), StartAt: 'Start' })).toEqual([
      'States: StartAt Start does not exist',
    ]);
  });

  it('unreachableStates: a state nothing leads to', () => {
    const machine = goodMachine();
    machine.States.Route.Choices = [];
    expect(unreachableStates(machine)).toEqual(['States.Ask: unreachable from Check']);
    expect(unreachableStates(nested(machine))).toEqual([
      'States.Fan.Branches[0].States.Ask: unreachable from Check',
    ]);
  });

  it('pathsToTerminal: a loop with no way out, or no terminal state at all', () => {
    const machine = goodMachine();
    machine.States.Ask.Next = 'Loop';
    machine.States.Ask.Catch = [{ ErrorEquals: ['States.ALL'], Next: 'Loop' }];
    Object.assign(machine.States, { Loop: { Type: 'Wait', Seconds: 60, Next: 'Ask' } });
    expect(pathsToTerminal(machine)).toEqual([
      'States.Ask: no path to a terminal state',
      'States.Loop: no path to a terminal state',
    ]);
    expect(pathsToTerminal({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'A' } } })).toEqual([
      'States: no terminal state',
    ]);
  });

  it('idsOnly: keys or paths naming personal data in Parameters, wherever they sit', () => {
    const machine = goodMachine();
    machine.States.Check.Parameters = {
      FunctionName: '${CheckFn}',
      Payload: {
        'caseId.$': '$.caseId',
        'patientName.$': '$.patientName',
        contact: { 'to.$': '$.intake.email' },
      },
    };
    machine.States.Ask.ResultSelector = { 'diagnosis.$': '$.Payload.diagnosis' };
    expect(idsOnly(nested(machine))).toEqual([
      'States.Fan.Branches[0].States.Check.Parameters.Payload.patientName.$: key patientName.$ looks like personal data',
      'States.Fan.Branches[0].States.Check.Parameters.Payload.patientName.$: path $.patientName looks like personal data',
      'States.Fan.Branches[0].States.Check.Parameters.Payload.contact.to.$: path $.intake.email looks like personal data',
      'States.Fan.Branches[0].States.Ask.ResultSelector.diagnosis.$: key diagnosis.$ looks like personal data',
      'States.Fan.Branches[0].States.Ask.ResultSelector.diagnosis.$: path $.Payload.diagnosis looks like personal data',
    ]);
  });

  it('lintAsl reports every rule at once', () => {
    const machine = goodMachine();
    delete machine.States.Check.Retry;
    machine.States.Check.Assign = { x: 1 };
    expect(lintAsl(machine, FUNCTIONS)).toEqual([
      '$.States.Check.Assign: Assign is not supported locally',
      'States.Check: no Retry',
    ]);
  });
});
