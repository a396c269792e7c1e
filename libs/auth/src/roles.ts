import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  NATIONAL_ADMIN = 'NATIONAL_ADMIN',
  REGIONAL_ADMIN = 'REGIONAL_ADMIN',
  ICB_ADMIN = 'ICB_ADMIN',
  ORG_ADMIN = 'ORG_ADMIN',
  DASV_LEAD = 'DASV_LEAD',
  LEARNER = 'LEARNER',
}
registerEnumType(Role, { name: 'Role' });

export enum Permission {
  OrganisationRead = 'organisation:read',
  UserRead = 'user:read',
  UserInvite = 'user:invite',
  RoleGrant = 'role:grant',
  AuditRead = 'audit:read',
  /** Open, close and approve nomination returns (NHS England's programme team). */
  NominationManage = 'nomination:manage',
  /** Answer a return for one's own organisation. */
  NominationSubmit = 'nomination:submit',
  /** Dashboards and exports of returns for one's subtree. */
  NominationRead = 'nomination:read',
  /** Pause chasing for an organisation, or send a chase by hand. */
  ChaseManage = 'chase:manage',
  /** Search the lead directory. */
  DirectoryRead = 'directory:read',
  /** Export the directory of one's subtree. */
  DirectoryExport = 'directory:export',
  /** Write and publish versions of e-learning courses (NHS England's programme team). */
  CourseAuthor = 'course:author',
  /** Completion rates, learners not yet completed, certificates and exports for one's subtree. */
  LearningReportRead = 'learning:read',
  /** Staff lists, headcount, imported completions and reminders for one's subtree. */
  LearnerManage = 'learner:manage',
  /** Add, change and remove an organisation's contacts (who is written to when it has no administrator). */
  ContactManage = 'contact:manage',
  /** Load contacts and administrator invitations for many organisations at once from a file (NHS England's programme team). */
  ContactImport = 'contact:import',
}

/** Regional and ICB admins may do the same things; their roles differ only in where they hold them. */
const SUBTREE_ADMIN_PERMISSIONS: readonly Permission[] = [
  Permission.OrganisationRead,
  Permission.UserRead,
  Permission.UserInvite,
  Permission.RoleGrant,
  Permission.AuditRead,
  Permission.NominationSubmit,
  Permission.NominationRead,
  Permission.ChaseManage,
  Permission.DirectoryRead,
  Permission.DirectoryExport,
  Permission.LearningReportRead,
  Permission.LearnerManage,
  Permission.ContactManage,
];

/**
 * What each role may do. Where it may do it is the organisation the role is held at and everything
 * beneath it (organisation_ancestor), checked in AccessService.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  [Role.NATIONAL_ADMIN]: Object.values(Permission),
  [Role.REGIONAL_ADMIN]: SUBTREE_ADMIN_PERMISSIONS,
  [Role.ICB_ADMIN]: SUBTREE_ADMIN_PERMISSIONS,
  [Role.ORG_ADMIN]: [
    Permission.OrganisationRead,
    Permission.UserRead,
    Permission.UserInvite,
    Permission.RoleGrant,
    Permission.NominationSubmit,
    Permission.NominationRead,
    Permission.DirectoryRead,
    Permission.LearningReportRead,
    Permission.LearnerManage,
    Permission.ContactManage,
  ],
  [Role.DASV_LEAD]: [Permission.OrganisationRead, Permission.DirectoryRead],
  [Role.LEARNER]: [Permission.OrganisationRead],
};

/** Higher outranks lower; nobody grants a role that outranks every role they hold. */
export const ROLE_RANK: Record<Role, number> = {
  [Role.NATIONAL_ADMIN]: 60,
  [Role.REGIONAL_ADMIN]: 50,
  [Role.ICB_ADMIN]: 40,
  [Role.ORG_ADMIN]: 30,
  [Role.DASV_LEAD]: 20,
  [Role.LEARNER]: 10,
};

/** The organisation types a role can be held at. */
export const ROLE_ORGANISATION_TYPES: Record<Role, readonly string[]> = {
  [Role.NATIONAL_ADMIN]: ['NATIONAL'],
  [Role.REGIONAL_ADMIN]: ['REGION'],
  [Role.ICB_ADMIN]: ['ICB'],
  [Role.ORG_ADMIN]: ['REGION', 'ICB', 'TRUST'],
  [Role.DASV_LEAD]: ['REGION', 'ICB', 'TRUST'],
  [Role.LEARNER]: ['NATIONAL', 'REGION', 'ICB', 'TRUST'],
};

export function rolesGranting(permission: Permission): Role[] {
  return (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((role) => ROLE_PERMISSIONS[role].includes(permission));
}
