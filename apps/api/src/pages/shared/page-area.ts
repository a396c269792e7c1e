import { DynamicModule, ForwardReference, Provider, Type } from '@nestjs/common';

/** The modules, controllers and providers of one area of pages, registered by PagesModule. */
export interface PageArea {
  imports: Array<Type<unknown> | DynamicModule | ForwardReference>;
  controllers: Type<unknown>[];
  providers: Provider[];
}
