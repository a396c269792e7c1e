import { Injectable } from '@nestjs/common';
import { AuthUser } from '@dasv/auth';
import { certificateFileName } from './certificate-file-name';
import { CertificatePdfService } from './certificate-pdf.service';
import { CertificatesRepository, CertificateWithSlug } from './certificates.repository';
import { certificatesError } from './certificates.errors';
import { CourseCertificate } from './models/certificate.models';

export interface CertificateFile {
  filename: string;
  content: Buffer;
}

/** The caller's own certificates. Found only through the caller's id, so nobody reaches another's. */
@Injectable()
export class MyCertificatesService {
  constructor(
    private readonly certificates: CertificatesRepository,
    private readonly pdf: CertificatePdfService,
  ) {}

  /** Null until the course is completed. */
  async find(me: AuthUser, slug: string): Promise<CourseCertificate | null> {
    const certificate = await this.ownCertificate(me, slug);
    return certificate && toCourseCertificate(certificate);
  }

  async download(me: AuthUser, slug: string): Promise<CertificateFile> {
    const certificate = await this.ownCertificate(me, slug);
    if (!certificate) {
      throw certificatesError(
        'NotIssued',
        'You do not have a certificate for this course yet. You get one when you complete the course and pass its assessment.',
      );
    }
    return { filename: certificateFileName(certificate), content: await this.pdf.render(certificate) };
  }

  private async ownCertificate(me: AuthUser, slug: string): Promise<CertificateWithSlug | null> {
    const found = await this.certificates.findOwnByCourseSlug(me.id, slug);
    if (found === undefined) throw certificatesError('CourseNotFound', 'Course not found.');
    return found;
  }
}

export function certificateDownloadPath(slug: string): string {
  return `/training/courses/${encodeURIComponent(slug)}/certificate.pdf`;
}

function toCourseCertificate(certificate: CertificateWithSlug): CourseCertificate {
  return {
    verificationCode: certificate.verificationCode,
    learnerName: certificate.learnerName,
    courseTitle: certificate.courseTitle,
    versionNumber: certificate.versionNumber,
    completedAt: certificate.completedAt,
    downloadPath: certificateDownloadPath(certificate.slug),
  };
}
