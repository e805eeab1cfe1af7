import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecutionRegistry, type ExecutionRecord } from '../../../infra/local/step-functions/executions.js';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'concord-executions-'));
  file = join(dir, 'executions.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function execution(name: string, changes: Partial<ExecutionRecord> = {}): ExecutionRecord {
  return {
    executionArn: `arn:aws:states:us-east-1:000000000000:execution:concord:${name}`,
    stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:concord',
    name,
    input: JSON.stringify({ caseId: name }),
    status: 'RUNNING',
    startDate: 1_764_000_000_000,
    ...changes,
  };
}

const lines = async () => (await readFile(file, 'utf8')).split('\n').filter((line) => line !== '');

describe('ExecutionRegistry', () => {
  it('appends one line per change, so a change costs the same with 1 or 1,000 executions kept', async () => {
    // Arrange
    const registry = new ExecutionRegistry(file);
    for (let i = 0; i < 1000; i++) registry.put(execution(`case-${i}`));
    const before = await lines();

    // Act
    registry.put(execution('case-7', { status: 'SUCCEEDED', stopDate: 1_764_000_001_000 }));

    // Assert
    const after = await lines();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((line) => JSON.parse(line) as ExecutionRecord)).toEqual([
      execution('case-7', { status: 'SUCCEEDED', stopDate: 1_764_000_001_000 }),
    ]);
  });

  it('reopens with each execution as its last line left it, compacted to one line each', async () => {
    // Arrange
    const first = new ExecutionRegistry(file);
    first.put(execution('case-1'));
    first.put(execution('case-2'));
    first.put(execution('case-1', { status: 'SUCCEEDED', stopDate: 1_764_000_001_000 }));

    // Act
    const reopened = new ExecutionRegistry(file);

    // Assert
    expect(reopened.get(execution('case-1').executionArn)?.status).toBe('SUCCEEDED');
    expect(reopened.running().map((record) => record.name)).toEqual(['case-2']);
    expect(await lines()).toHaveLength(2);
  });

  it('skips a last line torn by a crash mid-append: that execution stays as it was, and is resumed', async () => {
    // Arrange
    const first = new ExecutionRegistry(file);
    first.put(execution('case-1'));
    const torn = JSON.stringify(execution('case-1', { status: 'SUCCEEDED' })).slice(0, 40);
    await writeFile(file, `${await readFile(file, 'utf8')}${torn}`);

    // Act
    const reopened = new ExecutionRegistry(file);

    // Assert
    expect(reopened.running().map((record) => record.name)).toEqual(['case-1']);
    expect(await lines()).toEqual([JSON.stringify(execution('case-1'))]);
  });

  it('refuses a file damaged anywhere but its last line rather than guess which executions ran', async () => {
    // Arrange
    await writeFile(file, `{"executionArn": \n${JSON.stringify(execution('case-1'))}\n`);

    // Act
    const open = () => new ExecutionRegistry(file);

    // Assert
    expect(open).toThrow(SyntaxError);
  });

  it('reads the earlier format, one JSON array, and rewrites it as lines', async () => {
    // Arrange
    await writeFile(file, JSON.stringify([execution('case-1'), execution('case-2', { status: 'FAILED' })]));

    // Act
    const registry = new ExecutionRegistry(file);

    // Assert
    expect(registry.running().map((record) => record.name)).toEqual(['case-1']);
    expect(registry.get(execution('case-2').executionArn)?.status).toBe('FAILED');
    expect(await lines()).toHaveLength(2);
  });
});
