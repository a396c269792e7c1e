import { Role } from './roles';

export interface RoleGrant {
  role: Role;
  organisationId: string;
}

/** The signed-in caller, loaded once per request from the session. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  organisationId: string;
  roles: RoleGrant[];
  sessionId?: string;
}
