import { Module } from '@nestjs/common';
import { ClockModule } from '@dasv/common';
import { ConfigModule } from '@dasv/config';
import { DatabaseModule, RedisModule } from '@dasv/database';
import { AuditModule } from '@dasv/audit';
import { AuthModule } from '@dasv/auth';
import { NotificationsModule } from '@dasv/notifications';
import { OrganisationsModule } from '@dasv/organisations';
import { UsersModule } from '@dasv/users';
// Publishes the seeded courses; by path: the @dasv/elearning index would also load its resolvers.
import { CourseContentModule } from '../../../libs/elearning/src/course-content.module';

@Module({
  imports: [ConfigModule, ClockModule, DatabaseModule, RedisModule, AuditModule, NotificationsModule, AuthModule, OrganisationsModule, UsersModule, CourseContentModule],
})
export class CliModule {}
