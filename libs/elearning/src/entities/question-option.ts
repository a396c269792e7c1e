import { registerEnumType } from '@nestjs/graphql';
import { Column } from 'typeorm';
import { QuestionKind } from '../question-kind';

registerEnumType(QuestionKind, { name: 'QuestionKind', description: 'SINGLE: choose one answer; MULTIPLE: choose every answer that applies' });

/** One stored answer option; `id` is stable within its question ("a", "b", …). */
export interface QuestionOption {
  id: string;
  label: string;
  correct: boolean;
}

/**
 * What a knowledge check and a bank question share: their own tables add the owner (page or
 * version) and the constraints, named for each table.
 */
export abstract class QuestionColumns {
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  kind!: QuestionKind;

  @Column({ type: 'text' })
  prompt!: string;

  @Column({ type: 'jsonb' })
  options!: QuestionOption[];
}
