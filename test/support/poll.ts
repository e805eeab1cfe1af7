import { setTimeout as sleep } from 'node:timers/promises';

export interface PollOptions {
  /** How many times to try before giving up. */
  attempts?: number;
  /** Pause between attempts, in milliseconds. */
  intervalMs?: number;
  /** Named in the error when the condition never holds. */
  what?: string;
}

/**
 * Calls `probe` until `done` accepts its answer, at most `attempts` times, and returns that answer.
 * Bounded by attempts, never by asserting on elapsed time.
 */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  { attempts = 100, intervalMs = 100, what = 'condition' }: PollOptions = {},
): Promise<T> {
  let last: T | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    last = await probe();
    if (done(last)) return last;
    if (attempt < attempts) await sleep(intervalMs);
  }
  throw new Error(`${what} did not hold after ${attempts} attempts; last value: ${JSON.stringify(last)}`);
}
