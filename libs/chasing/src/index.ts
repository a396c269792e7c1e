export * from './chasing.module';
export * from './entities/chase-log.entity';
export * from './entities/chase-pause.entity';
