import { Module } from '@nestjs/common';
import { LeadsModule } from '@dasv/leads';
import { OrganisationsModule } from '@dasv/organisations';
import { DirectoryExportService } from './directory-export.service';
import { DirectoryFiltersService } from './directory-filters.service';
import { DirectoryLoaders } from './directory.loaders';
import { DirectoryRepository } from './directory.repository';
import { DasvLeadResolver, DirectoryLeadResolver } from './directory.resolver';
import { DirectoryService } from './directory.service';
import { LeadContactResolver } from './lead-contact.resolver';
import { LeadProfileService } from './lead-profile.service';

@Module({
  imports: [LeadsModule, OrganisationsModule],
  providers: [
    DirectoryRepository,
    DirectoryFiltersService,
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
