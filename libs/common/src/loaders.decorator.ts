import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { RequestLoaders } from './request-loaders';

/** The per-request DataLoader cache from the GraphQL context. */
export const Loaders = createParamDecorator((_: unknown, context: ExecutionContext): RequestLoaders => {
  const ctx = GqlExecutionContext.create(context).getContext<{ loaders: RequestLoaders }>();
  return ctx.loaders;
});
