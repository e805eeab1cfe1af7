import {
  CallbackExpiredError,
  CaseLeftBehindError,
  NotFoundError,
  withoutPersonalData,
} from '../../../functions/shared/errors.js';

/** What SES answers for an unverified recipient: the message quotes the address. */
function sesRejection(): Error {
  const error = new Error(
    'Email address is not verified. The following identities failed the check in region US-EAST-1: ana@example.org',
  );
  error.name = 'MessageRejected';
  return error;
}

describe('withoutPersonalData', () => {
  it('keeps the name and stack frames of a library error, not its message', () => {
    const original = sesRejection();

    const safe = withoutPersonalData(original) as Error;

    expect(safe.name).toBe('MessageRejected');
    expect(safe.message).toBe('MessageRejected: message withheld (it may quote personal data)');
    expect(safe.stack).not.toContain('ana@example.org');
    expect(safe.stack).toContain('errors.test.ts');
    expect(JSON.stringify(safe, Object.getOwnPropertyNames(safe))).not.toContain('ana@example.org');
  });

  it.each([
    new CallbackExpiredError('cb-1'),
    new NotFoundError('Unknown link'),
    new CaseLeftBehindError('c-1', [sesRejection()]),
  ])('passes our own %p as it is: it says ids only', (error) => {
    expect(withoutPersonalData(error)).toBe(error);
  });

  it('passes a thrown non-error as it is', () => {
    expect(withoutPersonalData('boom')).toBe('boom');
  });
});
