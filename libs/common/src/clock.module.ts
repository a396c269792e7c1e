import { Global, Module } from '@nestjs/common';
import { Clock } from '@dasv/common';

/** Tests override Clock with a FixedClock (Test.createTestingModule(...).overrideProvider(Clock)). */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
