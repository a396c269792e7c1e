import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Organisation } from './entities/organisation.entity';
import { OrganisationAncestor } from './entities/organisation-ancestor.entity';
import { OrganisationLoaders } from './organisations.loaders';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsResolver } from './organisations.resolver';
import { OrganisationsService } from './organisations.service';
import { OrganisationSeederService } from './organisation-seeder.service';
import { OdsImportRepository } from './import/ods-import.repository';
import { OdsImportService } from './import/ods-import.service';

@Module({
  imports: [TypeOrmModule.forFeature([Organisation, OrganisationAncestor]), DiscoveryModule],
  providers: [
    OrganisationsRepository,
    OrganisationsService,
    OrganisationsResolver,
    OrganisationLoaders,
    OrganisationSeederService,
    OdsImportRepository,
    OdsImportService,
  ],
  exports: [OrganisationsService, OrganisationLoaders, OrganisationSeederService, OdsImportService],
})
export class OrganisationsModule {}
