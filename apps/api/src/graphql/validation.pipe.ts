import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { BadUserInputError, controlCharacterFields, fieldErrorsOf } from '@dasv/common';

class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Custom parameters are the framework's own objects (the request, the caller), not user input.
    if (metadata.type !== 'custom') {
      const fields = controlCharacterFields(value, metadata.data ?? '');
      if (Object.keys(fields).length) throw new BadUserInputError('Some fields contain characters that cannot be stored.', fields);
    }
    return super.transform(value, metadata);
  }
}

/** Turns class-validator failures into BAD_USER_INPUT with a message per field (extensions.fields). */
export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: false,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fields = fieldErrorsOf(errors);
      return new BadUserInputError(`Check the highlighted fields: ${Object.keys(fields).join(', ')}.`, fields);
    },
  });
}
