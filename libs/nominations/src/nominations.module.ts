import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NominationReturn } from './entities/nomination-return.entity';
import { NominationRequest } from './entities/nomination-request.entity';
import { NominationSubmission } from './entities/nomination-submission.entity';
import { NominationNominee } from './entities/nomination-nominee.entity';

@Module({
  imports: [TypeOrmModule.forFeature([NominationReturn, NominationRequest, NominationSubmission, NominationNominee])],
})
export class NominationsModule {}
