import { Module } from '@nestjs/common';
import { NominationSuccessionService } from './nomination-succession.service';
import { NominationSuccessionRepository } from './nomination-succession.repository';

/** Open nomination requests during an ODS import (found by @CarriesOverOnSuccession()); small, for the orgs:import command. */
@Module({
  providers: [NominationSuccessionRepository, NominationSuccessionService],
})
export class NominationSuccessionModule {}
