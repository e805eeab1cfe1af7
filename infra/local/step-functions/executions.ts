import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

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
 * Executions kept on disk, as Step Functions keeps them: RUNNING ones are resumed on the next start.
 *
 * The file is a log, one JSON record per line, the last line of an execution winning: a change appends
 * one line. (Rewriting every record on every change, as this once did, cost O(executions) per start and
 * finish: measured, the 5,000th batch of 500 executions took 24 s of the stack's one thread, the first
 * 1.5 s.) Opening compacts the log to one line per execution. A line torn by a crash mid-append is the
 * last one and is skipped: that execution is as its previous line left it (RUNNING, so it is resumed,
 * which replays idempotent steps). A file in the earlier format (one JSON array) is read as well.
 */
export class ExecutionRegistry {
  private readonly byArn = new Map<string, ExecutionRecord>();

  constructor(private readonly file: string) {
    if (!existsSync(file)) return;
    for (const record of readRecords(readFileSync(file, 'utf8'))) this.byArn.set(record.executionArn, record);
    this.compact();
  }

  get(arn: string): ExecutionRecord | undefined {
    return this.byArn.get(arn);
  }

  running(): ExecutionRecord[] {
    return [...this.byArn.values()].filter((record) => record.status === 'RUNNING');
  }

  put(record: ExecutionRecord): void {
    this.byArn.set(record.executionArn, record);
    appendFileSync(this.file, `${JSON.stringify(record)}\n`);
  }

  private compact(): void {
    // Write then rename, so a crash mid-write never leaves a torn file.
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, [...this.byArn.values()].map((record) => `${JSON.stringify(record)}\n`).join(''));
    renameSync(tmp, this.file);
  }
}

function readRecords(text: string): ExecutionRecord[] {
  if (text.trimStart().startsWith('[')) return JSON.parse(text) as ExecutionRecord[];
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.flatMap((line, index) => {
    try {
      return [JSON.parse(line) as ExecutionRecord];
    } catch (error) {
      // Only the last line can be torn (by a crash mid-append); damage anywhere else is not ours to guess at.
      if (index === lines.length - 1) return [];
      throw error;
    }
  });
}
