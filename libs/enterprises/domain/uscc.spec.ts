import { describe, expect, it } from '@jest/globals';
import { isValidUscc, usccCheckCharacter, withUsccCheckCharacter } from './uscc.js';

describe(isValidUscc.name, () => {
  // Published codes of well-known companies, checked by hand against GB 32100-2015.
  it.each(['91350100M000100Y43', '91110000600037341L', '91440300708461136T'])('should accept %p', (code) => {
    expect(isValidUscc(code)).toBe(true);
  });

  it.each([
    ['a wrong check character', '91350100M000100Y44'],
    ['17 characters', '91350100M000100Y4'],
    ['a forbidden letter (I)', '91350100M000100I43'],
    ['lower case', '91350100m000100y43'],
    ['letters in the division code', '9135A100M000100Y43'],
  ])('should refuse %s', (_, code) => {
    expect(isValidUscc(code)).toBe(false);
  });
});

describe(withUsccCheckCharacter.name, () => {
  it('should complete a code so that it validates', () => {
    const code = withUsccCheckCharacter('91520900MA6H00001');

    expect(code).toHaveLength(18);
    expect(isValidUscc(code)).toBe(true);
    expect(code.charAt(17)).toBe(usccCheckCharacter('91520900MA6H00001'));
  });
});
