import { ValidationError } from 'class-validator';
import { FieldErrors } from './errors';

/** class-validator's nested errors as one message list per field path ("input.email"). */
export function fieldErrorsOf(errors: ValidationError[], prefix = '', into: FieldErrors = {}): FieldErrors {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) into[path] = Object.values(error.constraints);
    if (error.children?.length) fieldErrorsOf(error.children, path, into);
  }
  return into;
}

/** NUL is refused by PostgreSQL text columns, and other control characters have no place in a form field. */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's whole purpose
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Fields (by path) of user input holding control characters; checked before any validation or storage. */
export function controlCharacterFields(value: unknown, path = '', into: FieldErrors = {}, seen = new WeakSet<object>()): FieldErrors {
  if (typeof value === 'string') {
    if (CONTROL_CHARACTERS.test(value)) into[path || 'value'] = ['Remove the control characters from this field'];
    return into;
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) return into;
  seen.add(value);
  if (Array.isArray(value)) value.forEach((item, i) => controlCharacterFields(item, `${path}[${i}]`, into, seen));
  else for (const [key, item] of Object.entries(value)) controlCharacterFields(item, path ? `${path}.${key}` : key, into, seen);
  return into;
}

/** class-transformer's `@Transform` for text fields: surrounding spaces go before validation; anything not a string is left for the validators to refuse. */
export const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
