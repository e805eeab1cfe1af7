import { isValidNpi } from '../../../functions/domain/npi.js';

describe('isValidNpi', () => {
  // Check digits computed independently: Luhn over "80840" + the first nine digits
  // (equivalently: Luhn over the nine digits plus the constant 24).
  it.each(['1234567893', '1000000004', '9876543213', '1999999992', '1111111112', '2938475615', '0000000006'])(
    'accepts %s, whose check digit is valid',
    (npi) => {
      // Act
      const valid = isValidNpi(npi);

      // Assert
      expect(valid).toBe(true);
    },
  );

  it.each([
    ['1234567890', 'last digit off by 3'],
    ['1234567894', 'last digit off by 1'],
    ['1000000005', 'last digit off by 1'],
    ['9876543210', 'last digit 0 instead of 3'],
    ['1235467893', 'adjacent digits transposed'],
    ['2234567893', 'first digit changed'],
    ['1234567897', 'valid under plain Luhn but ignores the 80840 prefix'],
  ])('rejects %s (%s)', (npi) => {
    // Act
    const valid = isValidNpi(npi);

    // Assert
    expect(valid).toBe(false);
  });

  it('rejects every wrong check digit for a valid base number', () => {
    // Arrange
    const base = '123456789';
    const wrongDigits = ['0', '1', '2', '4', '5', '6', '7', '8', '9'];

    // Act
    const results = wrongDigits.map((d) => isValidNpi(`${base}${d}`));

    // Assert
    expect(results).toEqual(wrongDigits.map(() => false));
  });

  it.each([
    ['', 'empty'],
    ['123456789', '9 digits'],
    ['12345678931', '11 digits'],
    ['01234567893', 'leading zero making 11 digits'],
    ['3', 'a single digit'],
  ])('rejects %j (%s)', (npi) => {
    // Act
    const valid = isValidNpi(npi);

    // Assert
    expect(valid).toBe(false);
  });

  it.each([
    ['12345678a3', 'a letter'],
    ['123-456-7893', 'hyphens'],
    ['123 456 7893', 'spaces'],
    [' 1234567893', 'a leading space'],
    ['1234567893\n', 'a trailing newline'],
    ['+234567893', 'a sign'],
    ['1234567.93', 'a decimal point'],
    ['１２３４５６７８９３', 'full-width digits'],
  ])('rejects %j (%s)', (npi) => {
    // Act
    const valid = isValidNpi(npi);

    // Assert
    expect(valid).toBe(false);
  });
});
