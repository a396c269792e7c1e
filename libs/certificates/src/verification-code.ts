import { randomInt } from 'node:crypto';

/**
 * Crockford's base32: digits and capitals without I, L, O and U, so a code read out over the phone
 * or copied from paper has no pair of characters that look or sound alike.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 3;
const GROUP_LENGTH = 4;
/** 12 characters of 5 bits: 2^60 codes, so guessing one of 1.3 million issued takes ~10^12 tries. */
export const VERIFICATION_CODE_LENGTH = GROUPS * GROUP_LENGTH;
export const VERIFICATION_CODE_EXAMPLE = '7K3M-9QXD-H2PA';

/** A fresh code from the operating system's CSPRNG, printed as three groups of four: `7K3M-9QXD-H2PA`. */
export function newVerificationCode(): string {
  let code = '';
  for (let i = 0; i < VERIFICATION_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return grouped(code);
}

/**
 * The stored form of what someone typed, or null when it cannot be a code. Case, spaces and dashes
 * (including the typographic ones a PDF viewer may copy) do not matter, and the letters Crockford
 * leaves out are read as the digits they are mistaken for: O as 0, I and L as 1.
 */
export function normaliseVerificationCode(typed: string): string | null {
  const compact = typed
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015\u2212]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (compact.length !== VERIFICATION_CODE_LENGTH || [...compact].some((c) => !ALPHABET.includes(c))) return null;
  return grouped(compact);
}

function grouped(compact: string): string {
  const groups: string[] = [];
  for (let i = 0; i < compact.length; i += GROUP_LENGTH) groups.push(compact.slice(i, i + GROUP_LENGTH));
  return groups.join('-');
}
