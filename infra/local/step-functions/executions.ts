import { KeyedLog } from '../keyed-log.js';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  input: string;
  status: ExecutionStatus;
  startDate: number;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
}

/**
 * Executions kept on disk (`KeyedLog`: a line appended per change, compacted on open), as Step Functions
 * keeps them: RUNNING ones are resumed on the next start. One torn by a crash mid-append is as its previous
 * line left it (RUNNING, so it is resumed, which replays idempotent steps).
 */
export class ExecutionRegistry extends KeyedLog<ExecutionRecord> {
  constructor(file: string) {
    super(file, (record) => record.executionArn);
  }

  running(): ExecutionRecord[] {
    return this.values().filter((record) => record.status === 'RUNNING');
  }
}
