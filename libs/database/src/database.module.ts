import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@dasv/config';
import { OutboxService } from './outbox.service';
import { OutboxMessage } from './entities/outbox-message.entity';
import { TransactionRunnerService } from './transaction-runner.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        type: 'postgres' as const,
        url: config.databaseUrl,
        autoLoadEntities: true,
        // Schema changes go through prisma-free-migrations/ only; see MigrationRunner.
        synchronize: false,
        migrationsRun: false,
        uuidExtension: 'pgcrypto' as const,
        extra: { max: config.isTest ? 5 : 20, application_name: 'dasv-network' },
        logging: false,
      }),
    }),
    TypeOrmModule.forFeature([OutboxMessage]),
  ],
  providers: [OutboxService, TransactionRunnerService],
  exports: [OutboxService, TransactionRunnerService, TypeOrmModule],
})
export class DatabaseModule {}
