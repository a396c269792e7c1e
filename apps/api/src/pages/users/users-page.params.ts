import { IsUUID } from 'class-validator';

/** A person's page address: /admin/users/:id. */
export class PersonParams {
  @IsUUID('all', { message: 'The link to this person is not right' })
  id!: string;
}

/** One of their roles: /admin/users/:id/roles/:roleId. */
export class PersonRoleParams extends PersonParams {
  @IsUUID('all', { message: 'The link to this role is not right' })
  roleId!: string;
}

/** One of their lead places: /admin/users/:id/leads/:leadId. */
export class PersonLeadParams extends PersonParams {
  @IsUUID('all', { message: 'The link to this lead is not right' })
  leadId!: string;
}
