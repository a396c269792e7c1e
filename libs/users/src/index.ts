export * from './users.module';
export * from './users.service';
export * from './invitations.service';
export * from './roles.service';
export * from './users.errors';
export * from './dto/invite-user.input';
export * from './first-admin.service';
export * from './organisation-contacts';
