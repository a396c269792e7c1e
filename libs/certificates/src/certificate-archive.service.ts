import { Injectable, Logger } from '@nestjs/common';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Clock, londonDay } from '@dasv/common';
import { AccessService, AuthUser, Permission } from '@dasv/auth';
import { AuditService } from '@dasv/audit';
import { TransactionRunnerService } from '@dasv/database';
import { organisationNotFound } from '@dasv/organisations';
import { certificateFileName } from './certificate-file-name';
import { CertificatePdfService } from './certificate-pdf.service';
import { CertificatesRepository, LearnerKey } from './certificates.repository';
import { certificatesError } from './certificates.errors';
import { Certificate } from './entities/certificate.entity';

/** Learners read per query: a few hundred PDFs' worth of rows, never a trust's whole staff at once. */
const LEARNERS_PER_PAGE = 200;

export interface CertificateArchive {
  filename: string;
  /** Streams the zip into `out`, a PDF at a time, at the pace `out` drains. */
  writeTo(out: Writable): Promise<void>;
}

/**
 * Every certificate of the learners of an organisation and everything below it, as one zip with a
 * folder per organisation. PDFs are made one at a time as the download drains, so a region's zip
 * needs the memory of one certificate, not of all of them.
 */
@Injectable()
export class CertificateArchiveService {
  private readonly logger = new Logger(CertificateArchiveService.name);

  constructor(
    private readonly access: AccessService,
    private readonly certificates: CertificatesRepository,
    private readonly pdf: CertificatePdfService,
    private readonly transactions: TransactionRunnerService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async forOrganisation(me: AuthUser, odsCode: string): Promise<CertificateArchive> {
    const organisation = await this.access.requireOrganisation(me, Permission.LearningReportRead, odsCode, { unknown: organisationNotFound });
    const sources = await this.certificates.organisationsWithCertificatesWithin(organisation.id);
    if (!sources.length) {
      throw certificatesError('NoneInOrganisation', `No learner at ${organisation.name} or the organisations below it has a certificate yet.`);
    }
    // Names of staff leave the platform in bulk: who took them, and when, is on record.
    await this.transactions.run((manager) =>
      this.audit.record(manager, {
        actorId: me.id,
        action: 'certificates.downloaded',
        entityType: 'organisation',
        entityId: organisation.id,
        organisationId: organisation.id,
        details: { organisations: sources.length },
      }),
    );
    const day = londonDay(this.clock.now());
    return {
      filename: `certificates-${organisation.odsCode}-${day}.zip`,
      writeTo: (out) => this.writeZip(sources, out),
    };
  }

  private async writeZip(sources: Array<{ id: string; odsCode: string }>, out: Writable): Promise<void> {
    // Loaded on first use: ~16 MB and 0.1 s that a process serving no zip need not pay at start-up.
    // require(), not import(): .swcrc keeps import() native (ignoreDynamic), i.e. an ESM load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy CommonJS load, as above
    const archiver = require('archiver') as typeof import('archiver');
    // Stored, not deflated: a PDF's content is compressed already, so deflating again only costs CPU.
    const archive = archiver('zip', { store: true });
    let failure: Error | undefined;
    // Without a listener, an archiver error would take the whole API process down.
    archive.on('error', (error) => (failure ??= error));
    archive.pipe(out);
    try {
      for (const source of sources) {
        for await (const certificate of this.certificatesOf(source.id)) {
          // The browser went away: stop making PDFs nobody will read.
          if (out.destroyed) {
            archive.abort();
            return;
          }
          if (failure) throw failure;
          const name = `${source.odsCode}/${certificateFileName(certificate)}`;
          const appended = once(archive, 'entry');
          archive.append(await this.pdf.render(certificate), { name, date: certificate.issuedAt });
          await appended;
          await roomIn(out);
        }
      }
      await archive.finalize();
      await finished(out);
    } catch (error) {
      archive.abort();
      if (out.destroyed && !out.writableFinished) {
        this.logger.log({ err: error }, 'certificates zip download abandoned');
        return;
      }
      // Cut the download off rather than end it: a zip that looks complete but is not would be worse.
      out.destroy(error as Error);
      throw error;
    }
  }

  private async *certificatesOf(organisationId: string): AsyncGenerator<Certificate> {
    let after: LearnerKey | null = null;
    for (;;) {
      const page = await this.certificates.pageForOrganisation(organisationId, after, LEARNERS_PER_PAGE);
      yield* page;
      const learners = new Set(page.map((c) => c.learner.userId)).size;
      if (learners < LEARNERS_PER_PAGE) return;
      after = page[page.length - 1].learner;
    }
  }
}

/** Resolves once `out` can take more (or is gone), so a slow download slows the PDFs, not memory. */
function roomIn(out: Writable): Promise<void> {
  if (!out.writableNeedDrain || out.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}
