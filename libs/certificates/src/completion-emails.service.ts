import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { formatLondonDate } from '@dasv/common';
import { AppConfig } from '@dasv/config';
import { EmailOutboxService } from '@dasv/notifications';
import { Certificate } from './entities/certificate.entity';

/** The e-mail's key: one per certificate, and a learner has one certificate per course, so one per completion. */
export const completionEmailKey = (certificateId: string) => `course-completed:${certificateId}`;

/**
 * Tells a learner they have completed a course, with the link to their certificate, through the
 * outbox in the transaction that completed it: the e-mail goes if and only if the completion stands,
 * and its key makes a replayed relay or a second pass send nothing twice.
 */
@Injectable()
export class CompletionEmailsService {
  constructor(
    private readonly config: AppConfig,
    private readonly emails: EmailOutboxService,
  ) {}

  async queue(manager: EntityManager, certificate: Certificate, learner: { email: string }): Promise<void> {
    const [course] = await manager.query<Array<{ slug: string; supportText: string }>>(
      `SELECT c.slug, v.support_text AS "supportText" FROM course c JOIN course_version v ON v.id = $2 WHERE c.id = $1`,
      [certificate.courseId, certificate.versionId],
    );
    const base = this.config.publicUrl;
    await this.emails.queueTemplate(manager, {
      key: completionEmailKey(certificate.id),
      to: learner.email,
      template: 'course-completed',
      context: {
        name: certificate.learnerName,
        courseTitle: certificate.courseTitle,
        completedOn: formatLondonDate(certificate.completedAt),
        certificateUrl: `${base}/training/courses/${encodeURIComponent(course.slug)}/certificate.pdf`,
        verificationCode: certificate.verificationCode,
        verifyUrl: `${base}/certificates/verify?code=${encodeURIComponent(certificate.verificationCode)}`,
        supportText: course.supportText,
      },
    });
  }
}
