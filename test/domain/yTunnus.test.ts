/** Finnish business ids and VAT numbers: the check digit as Verohallinto computes it. */
import {
  isValidFinnishVatNumber, isValidYTunnus, normalizeYTunnus, vatNumberOf, yTunnusCheckDigit, yTunnusOfVatNumber, yTunnusProblem,
} from '../../domain/yTunnus';

describe('Y-tunnus check digit (weights 7 9 10 5 8 4 2, modulus 11)', () => {
  test('published business ids are valid: Nokia Oyj 0112038-9, Finnair Oyj 0108023-3', () => {
    expect(yTunnusCheckDigit('0112038')).toBe(9); // 9+10+10+12+16 = 57, 57 % 11 = 2, 11 − 2 = 9
    expect(isValidYTunnus('0112038-9')).toBe(true);
    expect(isValidYTunnus('0108023-3')).toBe(true);
  });

  test('remainder 0 gives check digit 0', () => {
    expect(yTunnusCheckDigit('0000000')).toBe(0);
    expect(isValidYTunnus('0000000-0')).toBe(true);
  });

  test('remainder 1 is never issued: no check digit, every id with those digits is invalid', () => {
    expect(yTunnusCheckDigit('0000030')).toBeUndefined(); // 3 × 4 = 12, 12 % 11 = 1
    for (let d = 0; d <= 9; d++) expect(isValidYTunnus(`0000030-${d}`)).toBe(false);
  });

  test('a wrong check digit, a wrong shape or nothing at all is invalid, each with its reason', () => {
    expect(isValidYTunnus('0112038-8')).toBe(false);
    expect(yTunnusProblem('0112038-8')).toMatch(/check digit is wrong/);
    expect(yTunnusProblem('01120389')).toMatch(/not of the form 1234567-8/);
    expect(yTunnusProblem('')).toMatch(/no business id/);
    expect(yTunnusProblem('0112038-9')).toBeUndefined();
  });

  test('an old six-digit id is read with its leading zero', () => {
    expect(normalizeYTunnus(' 112038-9 ')).toBe('0112038-9');
    expect(isValidYTunnus('112038-9')).toBe(true);
  });
});

describe('VAT number FI + 8 digits', () => {
  test('the VAT number is FI and the business id without its dash, and back', () => {
    expect(vatNumberOf('0112038-9')).toBe('FI01120389');
    expect(yTunnusOfVatNumber('FI01120389')).toBe('0112038-9');
    expect(isValidFinnishVatNumber('fi 0112 0389')).toBe(true);
  });

  test('a VAT number whose digits fail the check, or of another shape, is refused', () => {
    expect(vatNumberOf('0112038-8')).toBeUndefined();
    expect(isValidFinnishVatNumber('FI01120388')).toBe(false);
    expect(isValidFinnishVatNumber('FI0112038')).toBe(false);
    expect(isValidFinnishVatNumber('SE556677889901')).toBe(false);
    expect(yTunnusOfVatNumber('SE556677889901')).toBeUndefined();
  });
});
