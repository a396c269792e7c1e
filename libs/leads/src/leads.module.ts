import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DasvLead } from './entities/dasv-lead.entity';
import { LeadProfile } from './entities/lead-profile.entity';
import { LeadProfilesRepository } from './lead-profiles.repository';
import { LeadSuccessionModule } from './lead-succession.module';
import { LeadsRepository } from './leads.repository';
import { LeadsService } from './leads.service';

/**
 * DASV leads and their profiles (dasv_lead, lead_profile): the one owner of both tables. It needs
 * nothing beyond the global database, audit and clock, so the worker can load it just to give
 * TypeORM the entities that nominations' entities refer to.
 */
@Module({
  imports: [TypeOrmModule.forFeature([DasvLead, LeadProfile]), LeadSuccessionModule],
  providers: [LeadsRepository, LeadProfilesRepository, LeadsService],
  exports: [LeadsService],
})
export class LeadsModule {}
