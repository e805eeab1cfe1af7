/**
 * The embedded stack as the benchmarks see it: started with the SDK tap installed and the stack's optional
 * observer on, so every execution's event log (transitions, state input and output) and every handler call
 * (its duration, the SDK requests it made) are recorded. The simulated people of case-driver.ts read their
 * mail from the tap.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { startStack, type RunningStack } from '../../infra/local/stack.js';
import type { ExecutionEvent } from '../../infra/local/step-functions/runner.js';
import { DEMO_SEED_FILE } from '../../infra/local/seed.js';
import { Mailbox, type DriverContext } from './case-driver.js';
import { RequestChain, SdkTap } from './sdk-tap.js';

/** One execution's log, as far as the benchmarks need it. */
export interface ExecutionLog {
  /** States entered, in order: Step Functions Standard bills each as a state transition. */
  entered: string[];
  /** The largest state input or output (JSON, UTF-8 bytes), and where it was seen. */
  largestState: { bytes: number; state: string; direction: 'input' | 'output' };
}

export interface HandlerCall {
  handler: string;
  event: unknown;
  ms: number;
  ok: boolean;
  /** AWS requests on the call's critical path (RequestChain). */
  sequential: number;
}

export interface ObservedStackOptions {
  /** CONCORD_* settings on top of the benchmark defaults. */
  settings?: Record<string, string>;
  /** Every specialist of the demo seed gets this capacity (500 concurrent cases would fill the demo's). */
  specialistCapacity?: number;
  /**
   * Keep every handler call, and name the handler behind each AWS request (latency benchmark); off, only
   * in-flight counts are kept, and no AsyncLocalStorage runs: on Node 20 it turns on promise hooks, which
   * cost every await of the stack measured (~2% of the main thread's CPU in the throughput profile).
   */
  recordCalls?: boolean;
}

/**
 * Long human waits: no reminder or timeout fires while a benchmark runs (the ASL has no Wait state, and the
 * simulated people answer at once, so nothing else needs shortening).
 */
const BENCH_SETTINGS = {
  CONCORD_APPROVAL_TIMEOUT_SECONDS: '3600',
  CONCORD_OPINION_SLA_SECONDS: '3600',
  CONCORD_RECORDS_REMINDER_SECONDS: '3600',
  // Every benchmark case comes from one address.
  CONCORD_INTAKES_PER_ADDRESS: '1000',
};

export class ObservedStack {
  readonly tap = new SdkTap().install();
  readonly executions = new Map<string, ExecutionLog>();
  readonly calls: HandlerCall[] = [];
  readonly mailbox: Mailbox;
  readonly context: DriverContext;
  /** Handlers at work now, by name (a name twice when two calls of it overlap). */
  private readonly working: string[] = [];
  /**
   * The handler a request is made for: its async context, so a step the runner starts while another handler
   * is still at work (after that handler's SendTaskSuccess, say) is told apart from it.
   */
  private readonly caller = new AsyncLocalStorage<{ handler: string; chain: RequestChain }>();

  private constructor(
    readonly stack: RunningStack,
    private readonly dataDir: string,
    private readonly options: ObservedStackOptions,
  ) {
    this.mailbox = new Mailbox(this.tap);
    this.tap.callerOf = () => this.caller.getStore()?.handler;
    this.tap.chainOf = () => this.caller.getStore()?.chain;
    this.context = {
      api: stack.urls.api,
      mailbox: this.mailbox,
      settled: async (caseId) =>
        (await stack.stepFunctions.settled(stack.stepFunctions.executionArn(caseId))).status,
    };
  }

  static async start(options: ObservedStackOptions = {}): Promise<ObservedStack> {
    const dataDir = mkdtempSync(join(tmpdir(), 'concord-bench-'));
    // The observer is handed to the stack before the ObservedStack it reports to exists.
    const holder: { observed?: ObservedStack } = {};
    const seedFile = options.specialistCapacity ? benchSeed(dataDir, options.specialistCapacity) : undefined;
    const stack = await startStack({
      dataDir,
      ports: { api: 0, ses: 0, dynamodb: 0, s3: 0, sfn: 0, secrets: 0 },
      seedFile,
      settings: { ...BENCH_SETTINGS, ...options.settings },
      observer: {
        onExecutionEvent: (arn, event) => holder.observed?.onEvent(arn, event),
        aroundInvocation: (handler, event, call) =>
          holder.observed ? holder.observed.around(handler, event, call) : call(),
      },
    });
    holder.observed = new ObservedStack(stack, dataDir, options);
    return holder.observed;
  }

  executionOf(caseId: string): ExecutionLog | undefined {
    return this.executions.get(this.stack.stepFunctions.executionArn(caseId));
  }

  /**
   * Makes requests made outside any handler count as `name`'s while `work` runs (a direct call); `chain` follows
   * its sequential requests.
   */
  async asCaller<T>(name: string, work: () => Promise<T>, chain = new RequestChain()): Promise<T> {
    this.working.push(name);
    try {
      return await this.caller.run({ handler: name, chain }, work);
    } finally {
      this.working.splice(this.working.indexOf(name), 1);
    }
  }

  /** Resolves once no handler has been at work for `quietMs` (the runner moves between states meanwhile). */
  async idle(quietMs = 15): Promise<void> {
    let quietSince = performance.now();
    while (performance.now() - quietSince < quietMs) {
      await sleep(2);
      if (this.working.length > 0) quietSince = performance.now();
    }
  }

  async stop(): Promise<void> {
    this.mailbox.close();
    this.tap.uninstall();
    await this.stack.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private onEvent(arn: string, event: ExecutionEvent): void {
    if (!event.state) return;
    const log = this.executions.get(arn) ?? {
      entered: [],
      largestState: { bytes: 0, state: '', direction: 'input' as const },
    };
    this.executions.set(arn, log);
    if (event.type === 'StateEntered') log.entered.push(event.state.name);
    for (const direction of ['input', 'output'] as const) {
      const value = event.state[direction];
      if (value === undefined) continue;
      const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
      if (bytes > log.largestState.bytes) log.largestState = { bytes, state: event.state.name, direction };
    }
  }

  private async around(handler: string, event: unknown, call: () => Promise<unknown>): Promise<unknown> {
    this.working.push(handler);
    const started = performance.now();
    const chain = new RequestChain();
    let ok = false;
    try {
      const result = await (this.options.recordCalls ? this.caller.run({ handler, chain }, call) : call());
      ok = true;
      return result;
    } finally {
      const ms = performance.now() - started;
      this.working.splice(this.working.indexOf(handler), 1);
      if (this.options.recordCalls) this.calls.push({ handler, event, ms, ok, sequential: chain.deepest });
    }
  }
}

/** The demo seed with every specialist's capacity raised, written into the data directory. */
function benchSeed(dataDir: string, capacity: number): string {
  const seed = JSON.parse(readFileSync(DEMO_SEED_FILE, 'utf8')) as {
    specialists: Array<{ capacity: number }>;
  };
  for (const specialist of seed.specialists) specialist.capacity = capacity;
  const file = join(dataDir, 'bench-seed.json');
  writeFileSync(file, JSON.stringify(seed));
  return file;
}
