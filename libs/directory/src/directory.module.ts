import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DasvLead } from './entities/dasv-lead.entity';
import { LeadProfile } from './entities/lead-profile.entity';

@Module({
  imports: [TypeOrmModule.forFeature([DasvLead, LeadProfile])],
})
export class DirectoryModule {}
