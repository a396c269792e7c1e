import { ValidationError, ValidationPipe } from '@nestjs/common';
import { BadUserInputError, FieldErrors } from '@dasv/common';

function collect(errors: ValidationError[], prefix = '', into: FieldErrors = {}): FieldErrors {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) into[path] = Object.values(error.constraints);
    if (error.children?.length) collect(error.children, path, into);
  }
  return into;
}

/** Turns class-validator failures into BAD_USER_INPUT with a message per field (extensions.fields). */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: false,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fields = collect(errors);
      return new BadUserInputError(`Check the highlighted fields: ${Object.keys(fields).join(', ')}.`, fields);
    },
  });
}
