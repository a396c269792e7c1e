export * from './leads.module';
export * from './lead-role';
export * from './leads.service';
export * from './lead-records';
// A GraphQL type (the directory's organisation history shows it) as well as the table's entity.
export { DasvLead } from './entities/dasv-lead.entity';
export * from './lead-succession.module';
