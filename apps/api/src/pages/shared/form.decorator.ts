import { createParamDecorator, ExecutionContext, PipeTransform, Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate, ValidationError, ValidationTypes } from 'class-validator';
import type { Request } from 'express';
import { BadUserInputError, controlCharacterFields, FieldErrors, fieldErrorsOf } from '@dasv/common';
import { CSRF_FIELD } from './csrf.guard';

/** Page wording for a field where the API's message names the property rather than the thing. */
export type FieldMessages = Record<string, string>;

interface FormSpec {
  dto: Type<object>;
  messages: FieldMessages;
}

/**
 * An HTML form's fields (and the route's parameters, such as a link's token) as raw strings.
 * The global ValidationPipe leaves custom decorators alone, so FormInputPipe below does the work.
 */
const FormFields = createParamDecorator((_spec: FormSpec, context: ExecutionContext): Record<string, unknown> => {
  const req = context.switchToHttp().getRequest<Request>();
  const fields: Record<string, unknown> = { ...((req.body ?? {}) as Record<string, unknown>) };
  delete fields[CSRF_FIELD];
  return { ...fields, ...req.params };
});

/** Validates with the same class-validator rules as the GraphQL input, and fails the same way: BAD_USER_INPUT with fields. */
class FormInputPipe implements PipeTransform<Record<string, unknown>, Promise<object>> {
  async transform(fields: Record<string, unknown>, metadata: { data?: unknown }): Promise<object> {
    const { dto, messages } = metadata.data as FormSpec;
    const unstorable = controlCharacterFields(fields);
    if (Object.keys(unstorable).length) throw new BadUserInputError('Some fields contain characters that cannot be stored.', unstorable);
    return validatedInput(dto, withoutBlankOptionals(dto, fields), messages);
  }
}

/**
 * A plain object as a `dto`, checked with the GraphQL input's own class-validator rules and failing
 * as the GraphQL pipe does (BAD_USER_INPUT with fields); `messages` replace a field's wording.
 */
export async function validatedInput<T extends object>(dto: Type<T>, plain: object, messages: FieldMessages = {}): Promise<T> {
  const input = plainToInstance(dto, plain);
  const errors = await validate(input, { whitelist: true });
  if (errors.length > 0) {
    const fieldErrors = collect(errors, messages);
    throw new BadUserInputError(`Check the highlighted fields: ${Object.keys(fieldErrors).join(', ')}.`, fieldErrors);
  }
  return input;
}

const formInputPipe = new FormInputPipe();

/** The submitted form as a validated `dto`, e.g. `@Form(InviteUserInput) input: InviteUserInput`. */
export const Form = (dto: Type<object>, messages: FieldMessages = {}): ParameterDecorator => FormFields({ dto, messages } satisfies FormSpec, formInputPipe);

/**
 * A browser sends an empty optional box as "", which GraphQL clients would simply leave out;
 * treating it as absent keeps "" out of the database and @IsOptional meaning the same thing here.
 */
function withoutBlankOptionals(dto: Type<object>, fields: Record<string, unknown>): Record<string, unknown> {
  const optional = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(dto, '', true, false)
      .filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION)
      .map((m) => m.propertyName),
  );
  return Object.fromEntries(Object.entries(fields).filter(([name, value]) => !(optional.has(name) && typeof value === 'string' && value.trim() === '')));
}

/** The DTO's messages per field, with the page's own wording where it names the thing better. */
function collect(errors: ValidationError[], messages: FieldMessages): FieldErrors {
  const fields = fieldErrorsOf(errors);
  for (const name of Object.keys(fields)) if (messages[name]) fields[name] = [messages[name]];
  return fields;
}
