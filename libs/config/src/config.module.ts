import { Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';
import { loadEnvironment } from './environment';

@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: () => new AppConfig(loadEnvironment()) }],
  exports: [AppConfig],
})
export class ConfigModule {}
