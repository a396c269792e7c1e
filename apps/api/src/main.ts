import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@dasv/config';
import { AppModule } from './app.module';
import { configureApp } from './setup';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
  configureApp(app);
  const config = app.get(AppConfig);
  await app.listen(config.env.API_PORT, '0.0.0.0');
}

bootstrap().catch((error: unknown) => {
  // Configuration errors list every bad variable; print them plainly rather than as a stack.
  console.error(error instanceof Error && error.name === 'ConfigurationError' ? error.message : error);
  process.exit(1);
});
