import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Your certificate for a course: what it says, and where to download it as a PDF' })
export class CourseCertificate {
  @Field({ description: 'Printed on the certificate; anyone can check it at /certificates/verify' })
  verificationCode!: string;

  @Field({ description: 'Your name as it was when you completed the course' })
  learnerName!: string;

  @Field({ description: 'The title of the version you completed' })
  courseTitle!: string;

  @Field(() => Int)
  versionNumber!: number;

  @Field()
  completedAt!: Date;

  @Field({ description: 'Path of the PDF on this site; downloading it needs your signed-in session' })
  downloadPath!: string;
}

@ObjectType({ description: 'What a verification code confirms, and nothing more: no e-mail address, organisation or account' })
export class CertificateVerification {
  @Field()
  learnerName!: string;

  @Field()
  courseTitle!: string;

  @Field({ description: 'The day the course was completed, in England, as YYYY-MM-DD' })
  completedOn!: string;
}
