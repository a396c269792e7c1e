export * from './certificates.module';
export * from './entities/certificate.entity';
