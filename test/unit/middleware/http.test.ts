import { bearerToken, header } from '../../../functions/middleware/http.js';
import type { APIGatewayProxyEvent } from 'aws-lambda';

const withHeaders = (headers: Record<string, string | undefined>) =>
  ({ headers }) as unknown as APIGatewayProxyEvent;

describe('header', () => {
  it.each([['Content-Type'], ['content-type'], ['CONTENT-TYPE']])(
    'finds %s by its lower-case name',
    (name) => {
      expect(header(withHeaders({ [name]: 'application/json' }), 'content-type')).toBe('application/json');
    },
  );

  it('answers undefined for a header that is absent, or headers that are null', () => {
    expect(header(withHeaders({ Accept: 'text/html' }), 'content-type')).toBeUndefined();
    expect(header({ headers: null } as unknown as APIGatewayProxyEvent, 'accept')).toBeUndefined();
  });
});

describe('bearerToken', () => {
  it('reads the token whatever the case of the Authorization header', () => {
    expect(bearerToken(withHeaders({ AUTHORIZATION: 'Bearer abc.def' }))).toBe('abc.def');
  });

  it('refuses a missing or malformed Authorization header', () => {
    expect(() => bearerToken(withHeaders({}))).toThrow();
    expect(() => bearerToken(withHeaders({ Authorization: 'Basic abc' }))).toThrow();
  });
});
