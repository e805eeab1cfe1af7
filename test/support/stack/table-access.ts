/**
 * Which items of the table each handler reads and writes on the local stack, against what infra/routes.ts lets
 * it (dynamodb:LeadingKeys on AWS). The local stack has no IAM: without this, a prefix missing from a function's
 * access would only show on AWS, as an AccessDenied in production. Every test stack records its handlers'
 * DynamoDB requests (test/support/stack/stack.ts) and fails on stopping if one went outside its access.
 *
 * It reads each request as the SDK sends it: node:http is one module for every test's module registry (a
 * handler loaded afresh included), and AsyncLocalStorage carries the handler's name into its requests.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ClientRequest } from 'node:http';
import { HANDLER_ACCESS, readablePrefixes } from '../../../infra/routes.js';

interface TableRequest {
  handler: string;
  operation: string;
  /** Partition keys of the items named (table requests), or the index queried. */
  keys: string[];
  index?: string;
}

type Attribute = { S?: string };
type Body = {
  Key?: { PK?: Attribute };
  Item?: { PK?: Attribute };
  RequestItems?: Record<string, { Keys?: Array<{ PK?: Attribute }> }>;
  IndexName?: string;
  KeyConditionExpression?: string;
  ExpressionAttributeValues?: Record<string, Attribute>;
};

const handlerName = new AsyncLocalStorage<string>();
const recorders = new Set<TableAccessRecorder>();
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

/** The partition keys a request names. */
function keysOf(operation: string, body: Body): string[] {
  if (operation === 'BatchGetItem')
    return Object.values(body.RequestItems ?? {}).flatMap((table) =>
      (table.Keys ?? []).map((k) => k.PK?.S ?? ''),
    );
  if (operation === 'Query') {
    const placeholder = /\bPK\s*=\s*(:\w+)/.exec(body.KeyConditionExpression ?? '')?.[1];
    return [placeholder ? (body.ExpressionAttributeValues?.[placeholder]?.S ?? '') : ''];
  }
  return [(body.Key ?? body.Item)?.PK?.S ?? ''];
}

let installed = false;
function install(): void {
  if (installed) return;
  installed = true;
  const end = ClientRequest.prototype.end as (this: ClientRequest, ...args: unknown[]) => ClientRequest;
  ClientRequest.prototype.end = function (this: ClientRequest, ...args: unknown[]) {
    const target = String(this.getHeader('x-amz-target') ?? '');
    const handler = handlerName.getStore();
    if (handler && target.startsWith('DynamoDB_') && recorders.size > 0) {
      const operation = target.slice(target.indexOf('.') + 1);
      const sent = args[0] === undefined ? '{}' : Buffer.from(args[0] as Uint8Array).toString('utf8');
      const body = JSON.parse(sent) as Body;
      const request: TableRequest = body.IndexName
        ? { handler, operation, keys: [], index: body.IndexName }
        : { handler, operation, keys: keysOf(operation, body) };
      for (const recorder of recorders) recorder.requests.push(request);
    }
    return end.apply(this, args);
  } as typeof ClientRequest.prototype.end;
}

export class TableAccessRecorder {
  readonly requests: TableRequest[] = [];

  constructor() {
    install();
    recorders.add(this);
  }

  /** Runs a handler's invocation under its name. */
  within<T>(handler: string, call: () => Promise<T>): Promise<T> {
    return handlerName.run(handler, call);
  }

  stop(): void {
    recorders.delete(this);
  }

  /** Each request outside its handler's declared access, one line each. */
  violations(): string[] {
    return [...new Set(this.requests.flatMap((request) => this.problems(request)))];
  }

  private problems({ handler, operation, keys, index }: TableRequest): string[] {
    const table = HANDLER_ACCESS[handler]?.table;
    const where = `${handler} ${operation}`;
    if (!table) return [`${where}: declares no table access`];
    if (index)
      return table.index?.includes(index as never) ? [] : [`${where} on index ${index}: not declared`];
    if (!['GetItem', 'BatchGetItem', 'Query', ...WRITES].includes(operation))
      return [`${where}: not granted`];
    const allowed: readonly string[] = WRITES.has(operation) ? (table.write ?? []) : readablePrefixes(table);
    return keys
      .map((key) => key.slice(0, key.indexOf('#') + 1))
      .filter((prefix) => !allowed.includes(prefix))
      .map((prefix) => `${where} on ${prefix || 'an item with no prefix'}: not declared`);
  }
}
