import { parseApprovalAnswer } from '../../../functions/schemas/decisions.js';
import { ValidationError } from '../../../functions/shared/errors.js';

describe('parseApprovalAnswer', () => {
  it.each([
    ['coverage', 'self-pay'],
    ['prior-authorization-denied', 'self-pay'],
    ['prior-authorization-overdue', 'chase'],
    ['records-incomplete', 'partial-records'],
  ] as const)(
    'takes an approve of %s without a basis (API.md’s body) on its first basis, %s',
    (purpose, basis) => {
      expect(parseApprovalAnswer(purpose, { decision: 'approve', comment: 'ok' })).toEqual({
        decision: 'approve',
        basis,
        comment: 'ok',
      });
    },
  );

  it('keeps the basis the coordinator chose', () => {
    expect(parseApprovalAnswer('coverage', { decision: 'approve', basis: 'exception' })).toMatchObject({
      basis: 'exception',
    });
  });

  it('refuses a basis the purpose does not allow, naming the ones it does', () => {
    const attempt = () =>
      parseApprovalAnswer('prior-authorization-denied', { decision: 'approve', basis: 'chase' });
    expect(attempt).toThrow(ValidationError);
    try {
      attempt();
    } catch (error) {
      expect((error as ValidationError).errors).toEqual([
        { path: 'basis', message: 'Choose one of: self-pay' },
      ]);
    }
  });

  it.each(['specialist-match', 'third-opinion'] as const)('gives %s no basis', (purpose) => {
    expect(parseApprovalAnswer(purpose, { decision: 'approve', comment: 'ok' })).toEqual({
      decision: 'approve',
      comment: 'ok',
    });
  });

  it.each(['specialist-match', 'third-opinion'] as const)(
    'refuses a basis sent for %s, which takes none',
    (purpose) => {
      const attempt = () => parseApprovalAnswer(purpose, { decision: 'approve', basis: 'self-pay' });
      expect(attempt).toThrow(
        expect.objectContaining({
          name: 'ValidationError',
          errors: [{ path: 'basis', message: 'This approval takes no basis' }],
        }),
      );
    },
  );

  it('drops the basis of a reject', () => {
    expect(parseApprovalAnswer('coverage', { decision: 'reject', basis: 'self-pay' })).toEqual({
      decision: 'reject',
      comment: undefined,
    });
  });
});
