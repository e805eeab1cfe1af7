import type { Server } from 'node:http';
import { awsJsonServer } from '../aws-json-server.js';
import type { ExecutionRecord } from './executions.js';
import type { LocalStepFunctions } from './runner.js';

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

function describe(record: ExecutionRecord) {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: seconds(record.startDate),
    stopDate: seconds(record.stopDate),
    input: record.input,
    output: record.output,
    error: record.error,
    cause: record.cause,
  };
}

function field(input: Record<string, unknown>, name: string): string {
  const value = input[name];
  if (typeof value !== 'string' || value === '') {
    throw Object.assign(new Error(`${name} is required`), { name: 'ValidationException' });
  }
  return value;
}

/** The Step Functions JSON protocol over the local runner. */
export function stepFunctionsEndpoint(sfn: LocalStepFunctions): Server {
  return awsJsonServer('AWSStepFunctions', {
    StartExecution: (input) => {
      if (field(input, 'stateMachineArn') !== sfn.stateMachineArn) {
        throw Object.assign(new Error('State machine does not exist'), { name: 'StateMachineDoesNotExist' });
      }
      const name = typeof input.name === 'string' ? input.name : crypto.randomUUID();
      const record = sfn.start(name, typeof input.input === 'string' ? input.input : '{}');
      return { executionArn: record.executionArn, startDate: seconds(record.startDate) };
    },
    DescribeExecution: (input) => describe(sfn.describe(field(input, 'executionArn'))),
    StopExecution: (input) => ({
      stopDate: seconds(sfn.stop(field(input, 'executionArn'), input.error as string, input.cause as string)),
    }),
    SendTaskSuccess: (input) => {
      sfn.tokens.succeed(field(input, 'taskToken'), JSON.parse(field(input, 'output')));
      return {};
    },
    SendTaskFailure: (input) => {
      sfn.tokens.fail(
        field(input, 'taskToken'),
        String(input.error ?? 'States.TaskFailed'),
        String(input.cause ?? ''),
      );
      return {};
    },
    SendTaskHeartbeat: (input) => {
      sfn.tokens.heartbeat(field(input, 'taskToken'));
      return {};
    },
  });
}
