import { afterAll, beforeAll, jest } from '@jest/globals';
import type { StackOptions } from '../../../infra/local/stack.js';
import { startTestStack, type TestStack } from './stack.js';

/** How long starting or stopping a whole stack may take on a loaded machine. */
export const STACK_MS = 60_000;

export interface StackLifecycle {
  /**
   * Start from a fresh module registry: handlers read their configuration once per cold start, and a fresh
   * registry is a fresh cold start, so this stack's settings reach them.
   */
  freshModules?: boolean;
  /** What must finish while the stack still runs, before it stops. */
  beforeStop?: (stack: TestStack) => Promise<void>;
  timeoutMs?: number;
}

async function starter(freshModules: boolean | undefined): Promise<typeof startTestStack> {
  if (!freshModules) return startTestStack;
  jest.resetModules();
  return (await import('./stack.js')).startTestStack;
}

/**
 * The stack of the enclosing describe block (or file): started before its tests and stopped after them, over
 * a data directory of its own. What it answers stands for the running stack in the tests and in later hooks.
 */
export function useTestStack(
  options: Partial<Omit<StackOptions, 'dataDir' | 'ports'>> = {},
  { freshModules, beforeStop, timeoutMs = STACK_MS }: StackLifecycle = {},
): TestStack {
  let running: TestStack | undefined;
  beforeAll(async () => {
    running = await (await starter(freshModules))(options);
  }, timeoutMs);
  afterAll(async () => {
    if (!running) return;
    try {
      await beforeStop?.(running);
    } finally {
      await running.stop();
    }
  }, timeoutMs);
  return new Proxy({} as TestStack, {
    get(_target, property) {
      if (!running) throw new Error('The test stack is not running yet: use it in a test or a later hook');
      return Reflect.get(running, property);
    },
  });
}
