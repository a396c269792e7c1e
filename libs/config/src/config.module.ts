import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';
import { ConfiguredService, loadEnvironment } from './environment';

/** The API and the worker import this: every setting is required. */
@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: () => new AppConfig(loadEnvironment()) }],
  exports: [AppConfig],
})
export class ConfigModule {
  /** For a process that uses only some services, e.g. `ConfigModule.forServices([])` for the database alone. */
  static forServices(services: readonly ConfiguredService[]): DynamicModule {
    return {
      module: PartialConfigModule,
      global: true,
      providers: [{ provide: AppConfig, useFactory: () => new AppConfig(loadEnvironment(process.env, services)) }],
      exports: [AppConfig],
    };
  }
}

/** ConfigModule.forServices's module: a class of its own, so its AppConfig is not merged with ConfigModule's. */
@Module({})
class PartialConfigModule {}
