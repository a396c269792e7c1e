import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationsModule } from '@dasv/organisations';
import { DasvLead } from './entities/dasv-lead.entity';
import { LeadProfile } from './entities/lead-profile.entity';
import { DirectoryExportService } from './directory-export.service';
import { DirectoryFilters } from './directory-filters';
import { DirectoryLoaders } from './directory.loaders';
import { DirectoryRepository } from './directory.repository';
import { DasvLeadResolver, DirectoryLeadResolver } from './directory.resolver';
import { DirectoryService } from './directory.service';
import { LeadContactResolver } from './lead-contact.resolver';
import { LeadProfileService } from './lead-profile.service';
import { LeadProfilesRepository } from './lead-profiles.repository';
import { LeadSuccessionModule } from './lead-succession.module';
import { LeadsRepository } from './leads.repository';

@Module({
  imports: [TypeOrmModule.forFeature([DasvLead, LeadProfile]), OrganisationsModule, LeadSuccessionModule],
  providers: [
    DirectoryRepository,
    LeadsRepository,
    LeadProfilesRepository,
    DirectoryFilters,
    DirectoryService,
    LeadProfileService,
    DirectoryExportService,
    DirectoryLoaders,
    DirectoryLeadResolver,
    DasvLeadResolver,
    LeadContactResolver,
  ],
  exports: [DirectoryService, LeadProfileService, DirectoryExportService, DirectoryLoaders],
})
export class DirectoryModule {}
