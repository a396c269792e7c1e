import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Organisation } from './entities/organisation.entity';
import { OrganisationAncestor } from './entities/organisation-ancestor.entity';
import { OrganisationLoaders } from './organisations.loaders';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsResolver } from './organisations.resolver';
import { OrganisationsService } from './organisations.service';
import { OrganisationSeeder } from './organisation-seeder';

@Module({
  imports: [TypeOrmModule.forFeature([Organisation, OrganisationAncestor])],
  providers: [OrganisationsRepository, OrganisationsService, OrganisationsResolver, OrganisationLoaders, OrganisationSeeder],
  exports: [OrganisationsRepository, OrganisationsService, OrganisationLoaders, OrganisationSeeder],
})
export class OrganisationsModule {}
