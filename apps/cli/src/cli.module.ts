import { Module } from '@nestjs/common';
import { ClockModule } from '@dasv/common';
import { ConfigModule } from '@dasv/config';
import { DatabaseModule, RedisModule } from '@dasv/database';
import { AuditModule } from '@dasv/audit';
import { AuthModule } from '@dasv/auth';
import { NotificationsModule } from '@dasv/notifications';
import { OrganisationsModule } from '@dasv/organisations';
import { UsersModule } from '@dasv/users';
// Carries leads of merged organisations to their successors during orgs:import. By path: the
// @dasv/directory index would also load the directory's resolvers and everything they build on.
import { LeadSuccessionModule } from '../../../libs/directory/src/lead-succession.module';
// Publishes the seeded courses; by path for the same reason (no e-learning resolver in the CLI).
import { CourseContentModule } from '../../../libs/elearning/src/elearning.module';

@Module({
  imports: [ConfigModule, ClockModule, DatabaseModule, RedisModule, AuditModule, NotificationsModule, AuthModule, OrganisationsModule, UsersModule, LeadSuccessionModule, CourseContentModule],
})
export class CliModule {}
