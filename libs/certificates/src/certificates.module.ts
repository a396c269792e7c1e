import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationsModule } from '@dasv/organisations';
import { CertificateArchiveService } from './certificate-archive.service';
import { CertificateIssuer } from './certificate-issuer';
import { CertificatePdf } from './certificate-pdf';
import { CertificateVerificationService } from './certificate-verification.service';
import { CertificatesRepository } from './certificates.repository';
import { CertificatesResolver } from './certificates.resolver';
import { Certificate } from './entities/certificate.entity';
import { MyCertificatesService } from './my-certificates.service';

/** Certificates: issued with a completion, downloaded by their owner, verified by anyone, zipped for admins. */
@Module({
  imports: [TypeOrmModule.forFeature([Certificate]), OrganisationsModule],
  providers: [CertificatesRepository, CertificateIssuer, CertificatePdf, MyCertificatesService, CertificateVerificationService, CertificateArchiveService, CertificatesResolver],
  exports: [CertificateIssuer, MyCertificatesService, CertificateVerificationService, CertificateArchiveService],
})
export class CertificatesModule {}
