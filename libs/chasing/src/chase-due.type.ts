import { Field, ObjectType } from '@nestjs/graphql';
import { ChaseStage } from './entities/chase-log.entity';

@ObjectType({ description: 'The next scheduled chase concerning an organisation' })
export class ChaseDue {
  @Field(() => ChaseStage, { description: 'ESCALATION: its parent organisation’s admins are told' })
  stage!: ChaseStage;

  @Field({ description: 'A working day in England, yyyy-mm-dd' })
  dueOn!: string;
}
