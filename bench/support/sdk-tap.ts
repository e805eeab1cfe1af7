/**
 * A tap on every AWS SDK v3 call made in this process (the handlers' clients included: the embedded stack
 * runs them in-process). It wraps `send` of the SDK's one client base class, so no handler code changes:
 * it counts requests by service and operation, asks DynamoDB for the capacity each request consumed
 * (dynalite computes it from item sizes as DynamoDB does: 1 write unit per KB, 1 read unit per 4 KB,
 * half for eventually consistent reads), and hands every email sent through SES to listeners — the
 * benchmarks' simulated people read their mail there instead of polling the SES emulator's inbox.
 * Benchmarks only: installed by a bench script, never by the stack.
 */
import { Client } from '@smithy/core/client';

export interface SentEmail {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

type EmailListener = (email: SentEmail) => void;
type SendFunction = (...args: unknown[]) => Promise<unknown>;

/** Operations that accept ReturnConsumedCapacity, and whether they read or write. */
const DYNAMO_CAPACITY: Readonly<Record<string, 'read' | 'write'>> = {
  GetItem: 'read',
  BatchGetItem: 'read',
  Query: 'read',
  Scan: 'read',
  TransactGetItems: 'read',
  PutItem: 'write',
  UpdateItem: 'write',
  DeleteItem: 'write',
  BatchWriteItem: 'write',
  TransactWriteItems: 'write',
};

export interface DynamoUnits {
  read: number;
  write: number;
}

interface AnyCommand {
  input: Record<string, unknown>;
  clientCommand?: { constructor: { name: string } };
  constructor: { name: string };
}

interface ConsumedCapacity {
  CapacityUnits?: number;
}

/** `PutCommand` (lib-dynamodb) and `PutItemCommand` both name the DynamoDB operation `PutItem`. */
function operationOf(command: AnyCommand): string {
  return (command.clientCommand ?? command).constructor.name.replace(/Command$/, '');
}

function unitsIn(output: unknown): number {
  const consumed = (output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] } | undefined)
    ?.ConsumedCapacity;
  if (!consumed) return 0;
  return (Array.isArray(consumed) ? consumed : [consumed]).reduce(
    (sum, c) => sum + (c.CapacityUnits ?? 0),
    0,
  );
}

function itemsIn(output: unknown): number {
  const { Item, Responses, ScannedCount } = (output ?? {}) as {
    Item?: unknown;
    Responses?: Record<string, unknown[]>;
    ScannedCount?: number;
  };
  if (ScannedCount !== undefined) return ScannedCount;
  if (Responses) return Object.values(Responses).reduce((sum, items) => sum + items.length, 0);
  return Item ? 1 : 0;
}

/**
 * The sequential requests of one handler call, from when each request starts and ends: a request started after
 * others had finished may have waited for them, so it is one deeper than the deepest of those; requests in flight
 * together share a depth. The call's count is its deepest request: the round trips on its critical path.
 */
export class RequestChain {
  private finished = 0;
  deepest = 0;

  begin(): number {
    const depth = this.finished + 1;
    this.deepest = Math.max(this.deepest, depth);
    return depth;
  }

  end(depth: number): void {
    this.finished = Math.max(this.finished, depth);
  }
}

export class SdkTap {
  /** `DynamoDB PutItem` → count. */
  readonly requests = new Map<string, number>();
  /** Caller (as `callerOf` names it) → its requests, `DynamoDB PutItem` → count. */
  readonly requestsByCaller = new Map<string, Map<string, number>>();
  readonly units: DynamoUnits = { read: 0, write: 0 };
  /** Items DynamoDB read to answer (GetItem hits, BatchGetItem responses, Query/Scan ScannedCount). */
  itemsRead = 0;
  /** Writes refused by their condition: DynamoDB bills them too (counted as 1 unit each, items here are < 1 KB). */
  conditionFailures = 0;
  /** Ask DynamoDB for consumed capacity (a little extra work per request: off for the throughput run). */
  measureCapacity = true;
  /**
   * Names who is making a request, for requestsByCaller. (Not AsyncLocalStorage: on Node 20 it turns on promise
   * hooks, which slow every await of the handlers being timed.)
   */
  callerOf: () => string | undefined = () => undefined;
  /** The chain of the handler call making a request, when one is being followed. */
  chainOf: () => RequestChain | undefined = () => undefined;
  private readonly listeners = new Set<EmailListener>();
  private original: SendFunction | undefined;

  install(): this {
    if (this.original) return this;
    // The base class every SDK v3 client (and lib-dynamodb's document client) inherits `send` from.
    const prototype = Client.prototype as unknown as { send: SendFunction };
    const original = prototype.send;
    this.original = original;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const tap = this;
    prototype.send = function (this: { config: { serviceId?: string } }, ...args: unknown[]) {
      const command = args[0] as AnyCommand;
      if (typeof args[1] === 'function' || typeof args[2] === 'function') return original.apply(this, args);
      return tap.observe(this.config.serviceId ?? 'unknown', command, () => original.apply(this, args));
    };
    return this;
  }

  uninstall(): void {
    if (!this.original) return;
    (Client.prototype as unknown as { send: unknown }).send = this.original;
    this.original = undefined;
  }

  reset(): void {
    this.requests.clear();
    this.requestsByCaller.clear();
    this.itemsRead = 0;
    this.units.read = 0;
    this.units.write = 0;
    this.conditionFailures = 0;
  }

  onEmail(listener: EmailListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Requests of one service, by operation. */
  byOperation(service: string): Map<string, number> {
    const found = new Map<string, number>();
    for (const [key, count] of this.requests) {
      const [name, operation] = key.split(' ') as [string, string];
      if (name === service) found.set(operation, count);
    }
    return found;
  }

  total(service: string): number {
    return [...this.byOperation(service).values()].reduce((a, b) => a + b, 0);
  }

  private async observe(
    service: string,
    command: AnyCommand,
    send: () => Promise<unknown>,
  ): Promise<unknown> {
    const operation = operationOf(command);
    const key = `${service} ${operation}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const caller = this.callerOf();
    if (caller !== undefined) {
      const own = this.requestsByCaller.get(caller) ?? new Map<string, number>();
      own.set(key, (own.get(key) ?? 0) + 1);
      this.requestsByCaller.set(caller, own);
    }
    const kind = service === 'DynamoDB' ? DYNAMO_CAPACITY[operation] : undefined;
    if (kind && this.measureCapacity && command.input.ReturnConsumedCapacity === undefined) {
      command.input.ReturnConsumedCapacity = 'TOTAL';
    }
    if (service === 'SESv2' && operation === 'SendEmail') this.emit(command.input);
    const chain = this.chainOf();
    const depth = chain?.begin() ?? 0;
    try {
      const output = await send();
      if (kind) this.units[kind] += unitsIn(output);
      if (kind === 'read') this.itemsRead += itemsIn(output);
      return output;
    } catch (error) {
      if (kind === 'write' && (error as Error).name === 'ConditionalCheckFailedException') {
        this.conditionFailures += 1;
        this.units.write += 1;
      }
      throw error;
    } finally {
      chain?.end(depth);
    }
  }

  private emit(input: Record<string, unknown>): void {
    if (this.listeners.size === 0) return;
    const { Destination, Content } = input as {
      Destination?: { ToAddresses?: string[] };
      Content?: {
        Simple?: {
          Subject?: { Data?: string };
          Body?: { Text?: { Data?: string }; Html?: { Data?: string } };
        };
      };
    };
    const simple = Content?.Simple;
    const email: SentEmail = {
      to: Destination?.ToAddresses ?? [],
      subject: simple?.Subject?.Data ?? '',
      text: simple?.Body?.Text?.Data ?? '',
      html: simple?.Body?.Html?.Data ?? '',
    };
    for (const listener of this.listeners) listener(email);
  }
}
