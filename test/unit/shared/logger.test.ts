import { jest } from '@jest/globals';
import type { Context } from 'aws-lambda';
import middy from '@middy/core';
import { logContext } from '../../../functions/middleware/log-context.js';
import { Logger } from '../../../functions/shared/logger.js';

/** Every line the logger writes during `act`, parsed. */
function linesOf(act: () => void): Array<Record<string, unknown>> {
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    act();
    return write.mock.calls.map(([chunk]) => {
      const text = String(chunk);
      expect(text.endsWith('\n')).toBe(true);
      expect(text.trimEnd()).not.toContain('\n');
      return JSON.parse(text) as Record<string, unknown>;
    });
  } finally {
    write.mockRestore();
  }
}

describe('Logger', () => {
  const saved = process.env.AWS_LAMBDA_LOG_LEVEL;
  afterEach(() => {
    if (saved === undefined) delete process.env.AWS_LAMBDA_LOG_LEVEL;
    else process.env.AWS_LAMBDA_LOG_LEVEL = saved;
  });

  it('writes one JSON object per line with level, service, message, keys and attributes', () => {
    process.env.AWS_LAMBDA_LOG_LEVEL = 'INFO';
    const logger = new Logger('concord');
    logger.appendKeys({ caseId: 'c-1' });
    const [line] = linesOf(() => logger.info('Record upload checked', { outcome: 'accepted' }));
    expect(line).toMatchObject({
      level: 'INFO',
      service: 'concord',
      message: 'Record upload checked',
      caseId: 'c-1',
      outcome: 'accepted',
    });
    expect(Number.isNaN(Date.parse(String(line!.timestamp)))).toBe(false);
  });

  it('honours the level Lambda configures (AWS_LAMBDA_LOG_LEVEL), INFO when unset', () => {
    const logger = new Logger('concord');
    process.env.AWS_LAMBDA_LOG_LEVEL = 'WARN';
    expect(linesOf(() => (logger.info('hidden'), logger.warn('shown'))).map((l) => l.message)).toEqual([
      'shown',
    ]);
    delete process.env.AWS_LAMBDA_LOG_LEVEL;
    expect(linesOf(() => (logger.debug('hidden'), logger.info('shown'))).map((l) => l.message)).toEqual([
      'shown',
    ]);
  });

  it('gives an error its name, message and stack', () => {
    const logger = new Logger('concord');
    const error = new TypeError('bad state');
    const [line] = linesOf(() => logger.error('Request failed', { error }));
    expect(line!.error).toEqual({ name: 'TypeError', message: 'bad state', stack: error.stack });
  });
});

describe('logContext middleware', () => {
  it('starts each invocation with its own request id and no keys from the one before', async () => {
    const logger = new Logger('concord');
    const handler = middy<{ caseId?: string }, void, Error, Context>()
      .use(logContext(logger))
      .handler(async (event) => {
        if (event.caseId) logger.appendKeys({ caseId: event.caseId });
        logger.warn('step');
      });
    const context = (id: string) => ({ awsRequestId: id, functionName: 'check-coverage' }) as Context;
    const lines: Array<Record<string, unknown>> = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      return true;
    });
    try {
      await handler({ caseId: 'c-1' }, context('r-1'));
      await handler({}, context('r-2'));
    } finally {
      write.mockRestore();
    }
    expect(lines[0]).toMatchObject({ requestId: 'r-1', caseId: 'c-1', functionName: 'check-coverage' });
    expect(lines[1]).toMatchObject({ requestId: 'r-2', coldStart: false });
    expect(lines[1]).not.toHaveProperty('caseId');
  });
});
