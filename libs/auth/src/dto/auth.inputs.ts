import { Field, InputType } from '@nestjs/graphql';
import { IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

@InputType()
export class SignInInput {
  @Field()
  @IsEmail({}, { message: 'Enter an e-mail address in the correct format, like name@nhs.net' })
  @MaxLength(254)
  email!: string;

  @Field()
  @IsString()
  @IsNotEmpty({ message: 'Enter your password' })
  @MaxLength(PASSWORD_MAX)
  password!: string;
}

@InputType()
export class RequestPasswordResetInput {
  @Field()
  @IsEmail({}, { message: 'Enter an e-mail address in the correct format, like name@nhs.net' })
  @MaxLength(254)
  email!: string;
}

@InputType()
export class ResetPasswordInput {
  @Field()
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token!: string;

  @Field()
  @IsString()
  @MinLength(PASSWORD_MIN, { message: `Password must be at least ${PASSWORD_MIN} characters` })
  @MaxLength(PASSWORD_MAX, { message: `Password must be ${PASSWORD_MAX} characters or fewer` })
  password!: string;
}

@InputType()
export class AcceptInvitationInput extends ResetPasswordInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200, { message: 'Name must be 200 characters or fewer' })
  name?: string;
}
