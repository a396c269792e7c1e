import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { User } from './entities/user.entity';
import { AuthService } from './auth.service';
import { PasswordResetService } from './password-reset.service';
import { CurrentUser, Public, SignedIn } from './decorators';
import { AuthUser } from './auth-user';
import { AcceptInvitationInput, RequestPasswordResetInput, ResetPasswordInput, SignInInput } from './dto/auth.inputs';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly passwordReset: PasswordResetService,
  ) {}

  @Query(() => User, { description: 'The signed-in user' })
  @SignedIn()
  me(@CurrentUser() me: AuthUser) {
    return this.auth.me(me);
  }

  @Mutation(() => User)
  @Public()
  signIn(@Args('input') input: SignInInput, @Context('req') req: Request) {
    return this.auth.signIn(req, input.email, input.password);
  }

  @Mutation(() => Boolean)
  @Public()
  async signOut(@Context('req') req: Request) {
    await this.auth.signOut(req);
    return true;
  }

  @Mutation(() => Boolean, { description: 'Always true: whether the address has an account is not revealed' })
  @Public()
  async requestPasswordReset(@Args('input') input: RequestPasswordResetInput, @Context('req') req: Request) {
    await this.passwordReset.requestReset(input.email, req.ip ?? 'unknown');
    return true;
  }

  @Mutation(() => Boolean)
  @Public()
  async resetPassword(@Args('input') input: ResetPasswordInput) {
    await this.passwordReset.resetPassword(input.token, input.password);
    return true;
  }

  @Mutation(() => User, { description: 'Sets a first password from an invitation link and signs in' })
  @Public()
  acceptInvitation(@Args('input') input: AcceptInvitationInput, @Context('req') req: Request) {
    return this.auth.acceptInvitation(req, input.token, input.password, input.name);
  }
}
