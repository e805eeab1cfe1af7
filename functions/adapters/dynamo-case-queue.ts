import type { CaseRecord } from '../domain/case.js';
import type { CaseQueue, QueuePage } from '../domain/ports.js';
import { overdueBefore, type QueueQuery } from '../domain/queue.js';
import { ValidationError } from '../shared/errors.js';
import type { ItemClient, Native } from './item-client.js';
import { fromItem, QUEUE_PARTITIONS } from './keys.js';

/**
 * How many items a filtered page may read before it answers what it found (with a cursor to go on): a
 * selective filter costs a few short pages, never a read of the whole queue.
 */
export const MAX_ITEMS_READ_PER_PAGE = 200;

interface Position {
  /** The item's GSI2 sort key. */
  o: string;
  c: string;
}

const encode = (position: Position) => Buffer.from(JSON.stringify(position)).toString('base64url');

function decode(cursor: string): Position {
  try {
    const position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Position>;
    if (typeof position.o === 'string' && typeof position.c === 'string') return position as Position;
  } catch {
    // Not one of ours: refused below.
  }
  throw new ValidationError('The cursor is invalid', [
    { path: 'cursor', message: 'Use the `next` of the previous page' },
  ]);
}

/**
 * The queue, from GSI2 (infra/table-schema.ts): one partition per view, in the queue's order, so a page is one
 * Query whatever the number of cases. Filters other than needs-attention and overdue (which are ranges of the
 * order) are applied by DynamoDB to the items read, at most MAX_ITEMS_READ_PER_PAGE of them per page.
 */
export class DynamoCaseQueue implements CaseQueue {
  constructor(
    private readonly db: ItemClient,
    private readonly tableName: string,
  ) {}

  async page(query: QueueQuery): Promise<QueuePage> {
    const partition = QUEUE_PARTITIONS[query.view];
    const { keyCondition, filter, names, values } = expressions(query);
    const filtered = filter !== undefined;
    const found: Native[] = [];
    let itemsRead = 0;
    let start: Native | undefined = query.cursor ? startKey(partition, decode(query.cursor)) : undefined;
    for (;;) {
      // One more than a page tells whether another follows; a filter reads more at a time.
      const wanted = query.limit + 1 - found.length;
      const page = await this.db.query({
        TableName: this.tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: keyCondition,
        ...(filter ? { FilterExpression: filter } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':partition': partition, ...values },
        ScanIndexForward: query.view === 'open',
        Limit: filtered ? Math.min(MAX_ITEMS_READ_PER_PAGE - itemsRead, Math.max(wanted, 50)) : wanted,
        ...(start ? { ExclusiveStartKey: start } : {}),
      });
      itemsRead += page.ScannedCount;
      found.push(...page.Items);
      if (found.length > query.limit) {
        const cases = found.slice(0, query.limit);
        const last = cases[cases.length - 1]!;
        return { cases: cases.map(asCase), next: encode({ o: last.GSI2SK, c: last.caseId }), itemsRead };
      }
      start = page.LastEvaluatedKey;
      if (!start) return { cases: found.map(asCase), itemsRead };
      if (itemsRead >= MAX_ITEMS_READ_PER_PAGE) {
        const next = encode({ o: start.GSI2SK, c: String(start.PK).slice('CASE#'.length) });
        return { cases: found.map(asCase), next, itemsRead };
      }
    }
  }
}

const asCase = (item: Native) => fromItem<CaseRecord>(item);

function startKey(partition: string, position: Position): Native {
  return { GSI2PK: partition, GSI2SK: position.o, PK: `CASE#${position.c}`, SK: 'CASE' };
}

/** The query's key condition (a range of the order where a filter is one) and its filter on the items read. */
function expressions(query: QueueQuery) {
  const names: Record<string, string> = { '#pk': 'GSI2PK' };
  const values: Record<string, unknown> = {};
  let keyCondition = '#pk = :partition';
  const open = query.view === 'open';
  if (open && query.overdue) {
    names['#sk'] = 'GSI2SK';
    Object.assign(values, { ':from': '1#', ':before': overdueBefore(query.now) });
    keyCondition += ' AND #sk BETWEEN :from AND :before';
  } else if (open && query.status === 'needs-attention') {
    names['#sk'] = 'GSI2SK';
    values[':rank'] = '0#';
    keyCondition += ' AND begins_with(#sk, :rank)';
  }
  const conditions: string[] = [];
  const equal = (path: string[], value: unknown) => {
    const placeholder = `:${path[path.length - 1]}`;
    for (const name of path) names[`#${name}`] = name;
    values[placeholder] = value;
    conditions.push(`${path.map((name) => `#${name}`).join('.')} = ${placeholder}`);
  };
  if (query.status && !(open && query.status === 'needs-attention')) equal(['status'], query.status);
  if (query.waitingOn) equal(['waitingOn'], query.waitingOn);
  if (query.cancerType) equal(['cancerType'], query.cancerType);
  if (query.urgency) equal(['intake', 'urgency'], query.urgency);
  if (query.payerId) equal(['intake', 'insurance', 'payerId'], query.payerId);
  return {
    keyCondition,
    filter: conditions.length ? conditions.join(' AND ') : undefined,
    names,
    values,
  };
}
