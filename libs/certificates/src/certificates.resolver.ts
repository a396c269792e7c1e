import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { AuthUser, CurrentUser, Public, SignedIn } from '@dasv/auth';
import { CertificateVerificationService } from './certificate-verification.service';
import { CertificateCourseArgs, VerifyCertificateArgs } from './dto/certificate.args';
import { MyCertificatesService } from './my-certificates.service';
import { CertificateVerification, CourseCertificate } from './models/certificate.models';

@Resolver()
export class CertificatesResolver {
  constructor(
    private readonly mine: MyCertificatesService,
    private readonly verification: CertificateVerificationService,
  ) {}

  // No @Can: every signed-in learner has their own certificates, and only their own.
  @Query(() => CourseCertificate, { nullable: true, description: 'Your certificate for a course; null until you complete it' })
  @SignedIn()
  myCertificate(@CurrentUser() me: AuthUser, @Args() { slug }: CertificateCourseArgs) {
    return this.mine.find(me, slug);
  }

  @Query(() => CertificateVerification, {
    nullable: true,
    description: 'Checks a certificate: its name, course and completion date, or null if no certificate has the code. Rate-limited per address.',
  })
  @Public()
  verifyCertificate(@Args() { code }: VerifyCertificateArgs, @Context('req') req: Request) {
    return this.verification.verify(code, req.ip ?? 'unknown');
  }
}
