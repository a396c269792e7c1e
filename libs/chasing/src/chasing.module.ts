import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChaseLog } from './entities/chase-log.entity';
import { ChasePause } from './entities/chase-pause.entity';

@Module({
  imports: [TypeOrmModule.forFeature([ChaseLog, ChasePause])],
})
export class ChasingModule {}
