/** Imports a module in a fresh `node` process and times it: the import inside the child, the process outside. */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { childEnvironment } from './child-program.js';

export interface ImportTiming {
  /** The import alone, timed inside the child (what Lambda's init phase spends on the handler module). */
  importMs: number;
  /** CPU time (user + system, all threads) the child spent on the import. */
  cpuMs: number;
  /** The whole process, node's start-up and exit included, timed from outside. */
  processMs: number;
}

/** `nodeOptions`: NODE_OPTIONS for the child, as a function's environment would set them. */
export function timeImportInFreshNode(
  timedImportProgram: string,
  module: string,
  nodeOptions?: string,
): ImportTiming {
  const start = performance.now();
  const child = spawnSync(process.execPath, [timedImportProgram, module], {
    encoding: 'utf8',
    env: childEnvironment(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
    timeout: 60_000,
  });
  const processMs = performance.now() - start;
  if (child.status !== 0) {
    throw new Error(
      `node ${module} failed (${child.status ?? child.signal}): ${child.stderr || child.error}`,
    );
  }
  const { importMs, cpuMs } = JSON.parse(child.stdout) as { importMs: number; cpuMs: number };
  return { importMs, cpuMs, processMs };
}
