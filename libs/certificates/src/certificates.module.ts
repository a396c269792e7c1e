import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationsModule } from '@dasv/organisations';
import { CertificateArchiveService } from './certificate-archive.service';
import { CertificateIssuerService } from './certificate-issuer.service';
import { CertificatePdfService } from './certificate-pdf.service';
import { CertificateVerificationService } from './certificate-verification.service';
import { CompletionEmailsService } from './completion-emails.service';
import { CertificatesRepository } from './certificates.repository';
import { CertificatesResolver } from './certificates.resolver';
import { Certificate } from './entities/certificate.entity';
import { MyCertificatesService } from './my-certificates.service';

/** Certificates: issued with a completion, downloaded by their owner, verified by anyone, zipped for admins. */
@Module({
  imports: [TypeOrmModule.forFeature([Certificate]), OrganisationsModule],
  providers: [
    CertificatesRepository,
    CertificateIssuerService,
    CompletionEmailsService,
    CertificatePdfService,
    MyCertificatesService,
    CertificateVerificationService,
    CertificateArchiveService,
    CertificatesResolver,
  ],
  exports: [CertificateIssuerService, MyCertificatesService, CertificateVerificationService, CertificateArchiveService],
})
export class CertificatesModule {}
