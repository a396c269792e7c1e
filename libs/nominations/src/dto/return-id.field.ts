import { applyDecorators } from '@nestjs/common';
import { Field, ID } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

/** The nomination return an argument or input refers to. */
export function ReturnIdField(): PropertyDecorator {
  return applyDecorators(
    Field(() => ID),
    IsUUID('all', { message: 'returnId must be a nomination return id' }),
  );
}
