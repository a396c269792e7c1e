import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ConnectionType, listComplexity, Loaders, RequestLoaders } from '@dasv/common';
import { Can, CurrentUser, AuthUser, Permission, RoleAssignment, User } from '@dasv/auth';
import { Organisation, OrganisationLoaders } from '@dasv/organisations';
import { GrantRoleInput, InviteeArgs, InviteUserInput, UserArgs, UsersArgs } from './dto/invite-user.input';
import { PendingInvitation } from './dto/pending-invitation.type';
import { InvitationsService } from './invitations.service';
import { RolesService } from './roles.service';
import { UsersService } from './users.service';
import { UserLoaders } from './users.loaders';

export const UserConnection = ConnectionType(User, 'User');

@Resolver(() => User)
export class UsersResolver {
  constructor(
    private readonly usersService: UsersService,
    private readonly invitations: InvitationsService,
    private readonly rolesService: RolesService,
    private readonly userLoaders: UserLoaders,
    private readonly organisationLoaders: OrganisationLoaders,
  ) {}

  @Query(() => UserConnection, { description: 'Users of the organisations you administer', complexity: listComplexity })
  @Can(Permission.UserRead)
  users(@CurrentUser() me: AuthUser, @Args() args: UsersArgs) {
    return this.usersService.list(me, args);
  }

  @Query(() => User)
  @Can(Permission.UserRead)
  user(@CurrentUser() me: AuthUser, @Args() { id }: UserArgs) {
    return this.usersService.get(me, id);
  }

  @Mutation(() => User)
  @Can(Permission.UserInvite)
  inviteUser(@CurrentUser() me: AuthUser, @Args('input') input: InviteUserInput) {
    return this.invitations.invite(me, input);
  }

  @Mutation(() => RoleAssignment)
  @Can(Permission.RoleGrant)
  grantRole(@CurrentUser() me: AuthUser, @Args('input') input: GrantRoleInput) {
    return this.rolesService.grant(me, input);
  }

  @Mutation(() => Boolean)
  @Can(Permission.RoleGrant)
  revokeRole(@CurrentUser() me: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.rolesService.revoke(me, id);
  }

  @ResolveField(() => Organisation)
  organisation(@Parent() user: User, @Loaders() loaders: RequestLoaders) {
    return loaders.get(this.organisationLoaders).byId.load(user.organisationId);
  }

  @ResolveField(() => Boolean, { description: 'False until an invited user has set a password' })
  hasActivated(@Parent() user: User) {
    return user.passwordHash !== null;
  }

  @Mutation(() => User, { description: 'E-mails a new invitation link to someone who has not set up their account; the old link stops working' })
  @Can(Permission.UserInvite)
  resendInvitation(@CurrentUser() me: AuthUser, @Args() { userId }: InviteeArgs) {
    return this.invitations.resend(me, userId);
  }

  @Mutation(() => User, { description: 'Stops the invitation link working; their roles stay until removed' })
  @Can(Permission.UserInvite)
  cancelInvitation(@CurrentUser() me: AuthUser, @Args() { userId }: InviteeArgs) {
    return this.invitations.cancel(me, userId);
  }

  @ResolveField(() => PendingInvitation, {
    nullable: true,
    description: 'The invitation link waiting to be used, until they set up their account',
    // One lookup per user: a list asking for it pays per row.
    complexity: 5,
  })
  pendingInvitation(@Parent() user: User) {
    return this.invitations.pendingInvitation(user);
  }

  @ResolveField(() => [RoleAssignment])
  roles(@Parent() user: User, @Loaders() loaders: RequestLoaders) {
    return loaders.get(this.userLoaders).rolesOf.load(user.id);
  }
}

@Resolver(() => RoleAssignment)
export class RoleAssignmentResolver {
  constructor(private readonly organisationLoaders: OrganisationLoaders) {}

  @ResolveField(() => Organisation)
  organisation(@Parent() assignment: RoleAssignment, @Loaders() loaders: RequestLoaders) {
    return loaders.get(this.organisationLoaders).byId.load(assignment.organisationId);
  }
}
