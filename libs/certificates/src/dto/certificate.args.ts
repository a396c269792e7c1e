import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, Matches, MaxLength } from 'class-validator';
import { COURSE_SLUG_PATTERN } from '@dasv/completions';

@ArgsType()
export class CertificateCourseArgs {
  @Field()
  @IsString()
  @MaxLength(100, { message: 'Course not found' })
  @Matches(COURSE_SLUG_PATTERN, { message: 'Course not found' })
  slug!: string;
}

@ArgsType()
export class VerifyCertificateArgs {
  /** Its format is the service's check, so that every malformed code fails with the same reason. */
  @Field({ description: 'As printed, like 7K3M-9QXD-H2PA; case, spaces and dashes do not matter' })
  @IsString()
  @MaxLength(200, { message: 'Enter the verification code as it is printed on the certificate' })
  code!: string;
}
