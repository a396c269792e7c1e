import { Module } from '@nestjs/common';
import { LeadsModule } from '@dasv/leads';
import { OrganisationsModule } from '@dasv/organisations';
import { DirectoryExportService } from './directory-export.service';
import { DirectoryFilters } from './directory-filters';
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
