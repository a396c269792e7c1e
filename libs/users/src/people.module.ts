import { Module } from '@nestjs/common';
import { LeadsModule } from '@dasv/leads';
import { OrganisationsModule } from '@dasv/organisations';
import { PeopleService } from './people.service';
import { UsersModule } from './users.module';

/**
 * One person as their administrators see them, lead places included. Apart from UsersModule because
 * the leads' entities refer to the nominations' ones: only an app that loads nominations (the API)
 * can load this, while the CLI and the worker load UsersModule alone.
 */
@Module({
  imports: [UsersModule, OrganisationsModule, LeadsModule],
  providers: [PeopleService],
  exports: [PeopleService],
})
export class PeopleModule {}
