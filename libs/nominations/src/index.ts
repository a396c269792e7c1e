export * from './nominations.module';
export * from './entities/nomination-return.entity';
export * from './entities/nomination-request.entity';
export * from './entities/nomination-submission.entity';
export * from './entities/nomination-nominee.entity';
