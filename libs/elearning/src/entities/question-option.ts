import { registerEnumType } from '@nestjs/graphql';

export enum QuestionKind {
  SINGLE = 'SINGLE',
  MULTIPLE = 'MULTIPLE',
}
registerEnumType(QuestionKind, { name: 'QuestionKind', description: 'SINGLE: choose one answer; MULTIPLE: choose every answer that applies' });

/** One stored answer option; `id` is stable within its question ("a", "b", …). */
export interface QuestionOption {
  id: string;
  label: string;
  correct: boolean;
}
