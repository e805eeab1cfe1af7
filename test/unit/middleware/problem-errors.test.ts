import { jest } from '@jest/globals';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { problemErrors } from '../../../functions/middleware/problem-errors.js';

describe('problemErrors', () => {
  it('answers a failure with an opaque 500 and logs it without a message that could quote personal data', async () => {
    process.env.AWS_LAMBDA_LOG_LEVEL = 'INFO';
    const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
      .use(problemErrors())
      .handler(async () => {
        const error = new Error('The following identities failed the check: ana@example.org');
        error.name = 'MessageRejected';
        throw error;
      });
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);

    let answer: APIGatewayProxyResult;
    let logged: string;
    try {
      answer = await handler({ resource: '/approvals/{id}' } as APIGatewayProxyEvent, {} as Context);
      logged = write.mock.calls.map(([chunk]) => String(chunk)).join('');
    } finally {
      write.mockRestore();
    }

    expect(answer.statusCode).toBe(500);
    expect(answer.body).not.toContain('ana@example.org');
    expect(logged).toContain('MessageRejected');
    expect(logged).toContain('/approvals/{id}');
    expect(logged).not.toContain('ana@example.org');
  });
});
