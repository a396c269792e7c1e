import { Module } from '@nestjs/common';
import { ClockModule } from '@dasv/common';
import { ConfigModule } from '@dasv/config';
import { DatabaseModule, RedisModule } from '@dasv/database';
import { AuditModule } from '@dasv/audit';
import { AuthModule } from '@dasv/auth';
import { NotificationsModule } from '@dasv/notifications';
import { OrganisationsModule } from '@dasv/organisations';
import { UsersModule } from '@dasv/users';
// Publishes the seeded courses.
import { CourseContentModule } from '@dasv/elearning';

@Module({
  imports: [
    ConfigModule,
    ClockModule,
    DatabaseModule,
    RedisModule,
    AuditModule,
    NotificationsModule,
    AuthModule,
    OrganisationsModule,
    UsersModule,
    CourseContentModule,
  ],
})
export class CliModule {}
