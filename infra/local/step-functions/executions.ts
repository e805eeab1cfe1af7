import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

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

/** Executions kept on disk, as Step Functions keeps them: RUNNING ones are resumed on the next start. */
export class ExecutionRegistry {
  private readonly byArn = new Map<string, ExecutionRecord>();

  constructor(private readonly file: string) {
    if (existsSync(file)) {
      for (const record of JSON.parse(readFileSync(file, 'utf8')) as ExecutionRecord[])
        this.byArn.set(record.executionArn, record);
    }
  }

  get(arn: string): ExecutionRecord | undefined {
    return this.byArn.get(arn);
  }

  running(): ExecutionRecord[] {
    return [...this.byArn.values()].filter((record) => record.status === 'RUNNING');
  }

  put(record: ExecutionRecord): void {
    this.byArn.set(record.executionArn, record);
    this.save();
  }

  private save(): void {
    // Write then rename, so a crash mid-write never leaves a torn file.
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify([...this.byArn.values()]));
    renameSync(tmp, this.file);
  }
}
