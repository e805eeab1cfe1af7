import { randomBytes } from 'node:crypto';

interface Waiter {
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
  executionArn: string;
  stateName: string;
  issuedAt: number;
}

export class TaskTokenError extends Error {
  constructor(name: 'TaskDoesNotExist' | 'InvalidToken' | 'TaskTimedOut', message: string) {
    super(message);
    this.name = name;
  }
}

/** Emulates `.waitForTaskToken`: a token per waiting task, settled by SendTaskSuccess/Failure. */
export class TaskTokenRegistry {
  private readonly waiters = new Map<string, Waiter>();

  issue(executionArn: string, stateName: string): { token: string; result: Promise<unknown> } {
    const token = randomBytes(48).toString('base64url');
    const result = new Promise<unknown>((resolve, reject) => {
      this.waiters.set(token, { resolve, reject, executionArn, stateName, issuedAt: Date.now() });
    });
    return { token, result };
  }

  succeed(token: string, output: unknown): void {
    this.take(token).resolve(output);
  }

  fail(token: string, error: string, cause: string): void {
    const failure = new Error(cause);
    failure.name = error;
    this.take(token).reject(failure);
  }

  heartbeat(token: string): void {
    this.find(token);
  }

  /** A task that timed out, failed or ended takes its tokens with it. */
  forget(executionArn: string, stateName?: string, issuedBefore = Infinity): void {
    for (const [token, waiter] of this.waiters) {
      if (
        waiter.executionArn === executionArn &&
        (stateName === undefined || waiter.stateName === stateName) &&
        waiter.issuedAt < issuedBefore
      ) {
        this.waiters.delete(token);
      }
    }
  }

  /** Settles the tasks of aborted runs (all, or one execution's), so their timeout timers stop. */
  release(executionArn?: string): void {
    for (const [token, waiter] of this.waiters) {
      if (executionArn === undefined || waiter.executionArn === executionArn) {
        this.waiters.delete(token);
        waiter.resolve(null);
      }
    }
  }

  private find(token: string): Waiter {
    if (!token || token.length > 1024) throw new TaskTokenError('InvalidToken', 'Invalid token');
    const waiter = this.waiters.get(token);
    if (!waiter) throw new TaskTokenError('TaskDoesNotExist', 'Task does not exist anymore');
    return waiter;
  }

  private take(token: string): Waiter {
    const waiter = this.find(token);
    this.waiters.delete(token);
    return waiter;
  }
}
