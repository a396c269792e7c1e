export * from './directory.module';
export * from './entities/dasv-lead.entity';
export * from './entities/lead-profile.entity';
