import { bearerToken, header, pathParameter } from '../../../functions/middleware/http.js';
import { LINK_ID } from '../../../functions/domain/ids.js';
import { NotFoundError } from '../../../functions/shared/errors.js';
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

describe('pathParameter', () => {
  const withPath = (pathParameters: Record<string, string>) =>
    ({ pathParameters }) as unknown as APIGatewayProxyEvent;
  const CASE_ID = '3f9c2b1e-7a4d-4c1b-9e0f-2a6b8c4d1e5f';

  it('answers a case id of the right shape', () => {
    expect(pathParameter(withPath({ caseId: CASE_ID }), 'caseId')).toBe(CASE_ID);
  });

  it.each([
    ['2 KB long', 'a'.repeat(2048)],
    ['upper case', CASE_ID.toUpperCase()],
    ['a UUID and more', `${CASE_ID}x`],
    ['a key of another item', 'CALLBACK#x'],
    ['a path', '../cases'],
  ])('answers a case id %s as not found, before any read', (_name, caseId) => {
    expect(() => pathParameter(withPath({ caseId }), 'caseId')).toThrow(NotFoundError);
  });

  it('checks a named shape, as a link id is checked', () => {
    expect(pathParameter(withPath({ id: 'vS2u0tA9QeGd8cZyX7kM1pLw4nRj6hTb' }), 'id', LINK_ID)).toHaveLength(
      32,
    );
    expect(() => pathParameter(withPath({ id: 'x'.repeat(2048) }), 'id', LINK_ID)).toThrow(NotFoundError);
    expect(() => pathParameter(withPath({ id: 'a b<script>' }), 'id', LINK_ID)).toThrow(NotFoundError);
  });
});
