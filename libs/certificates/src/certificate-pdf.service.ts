import { Injectable } from '@nestjs/common';
import type PDFKitDocument from 'pdfkit';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatLondonDate } from '@dasv/common';
import { AppConfig, projectRoot } from '@dasv/config';
import { Certificate } from './entities/certificate.entity';

/** What a certificate PDF shows: the copied facts of the completion, nothing looked up again. */
export type CertificateFacts = Pick<Certificate, 'verificationCode' | 'learnerName' | 'courseTitle' | 'versionNumber' | 'completedAt' | 'issuedAt'>;

const NHS_BLUE = '#005eb8';
const TEXT = '#212b32';
const SECONDARY_TEXT = '#4c6272';
const REGULAR = 'DejaVuSans';
const BOLD = 'DejaVuSans-Bold';

interface PdfEngine {
  PDFDocument: typeof PDFKitDocument;
  fonts: Record<typeof REGULAR | typeof BOLD, PDFKit.Mixins.PDFFontSource>;
}

/**
 * pdfkit and its fonts, loaded with the first certificate rather than at start-up: they add ~30 MB
 * and ~0.2 s to a process that, most of the time, is saving learners' progress.
 */
function loadPdfEngine(): PdfEngine {
  // require(), not import(): .swcrc keeps import() native (ignoreDynamic), i.e. an ESM load.
  /* eslint-disable @typescript-eslint/no-require-imports -- lazy CommonJS loads, as above */
  const PDFDocument = require('pdfkit') as typeof PDFKitDocument;
  // pdfkit's own font engine (its dependency, so the version pdfkit expects); it ships no types.
  const fontkit = require('fontkit') as { create(data: Buffer): object };
  /* eslint-enable @typescript-eslint/no-require-imports */
  // pdfkit takes an already parsed font (anything with layout()) as well as a file's bytes. Parsing
  // DejaVu's 6,000 glyphs took 40 of a certificate's 48 ms; parsed once, a certificate takes ~7 ms.
  const parsed = (file: string) => fontkit.create(readFileSync(join(projectRoot(), 'libs', 'certificates', 'fonts', file))) as PDFKit.Mixins.PDFFontSource;
  return { PDFDocument, fonts: { [REGULAR]: parsed('DejaVuSans.ttf'), [BOLD]: parsed('DejaVuSans-Bold.ttf') } };
}

/** A completion date as people write it, on the day it was in England: 24 November 2026. */
export function completionDateInWords(completedAt: Date): string {
  return formatLondonDate(completedAt);
}

/**
 * The certificate as an A4 landscape PDF, made in memory for each download: nothing is stored but
 * the certificate row, so a certificate can be downloaded again at any time and always reads the
 * same. A fixed creation date (the issue date) makes the same certificate the same file.
 */
@Injectable()
export class CertificatePdfService {
  /** Loaded once and shared: each certificate embeds only the subset of glyphs it uses. */
  private engine?: PdfEngine;

  constructor(private readonly config: AppConfig) {}

  /** Where anyone can check a certificate, with its code filled in. */
  verificationUrl(verificationCode: string): string {
    return `${this.config.publicUrl}/certificates/verify?code=${encodeURIComponent(verificationCode)}`;
  }

  render(certificate: CertificateFacts): Promise<Buffer> {
    const { PDFDocument, fonts } = (this.engine ??= loadPdfEngine());
    const completedOn = completionDateInWords(certificate.completedAt);
    const doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margin: 0,
      // The types say a name, but pdfkit opens any font source; without this it parses Helvetica's
      // metrics for every document only to never use them.
      font: fonts[REGULAR] as unknown as string,
      pdfVersion: '1.7',
      tagged: true,
      lang: 'en-GB',
      displayTitle: true,
      info: {
        Title: `Certificate of completion: ${certificate.courseTitle}, ${certificate.learnerName}`,
        Author: 'NHS England',
        Subject: `${certificate.learnerName} completed ${certificate.courseTitle} (version ${certificate.versionNumber}) on ${completedOn}. Verification code ${certificate.verificationCode}.`,
        Creator: 'DASV Network, NHS England',
        CreationDate: certificate.issuedAt,
        ModDate: certificate.issuedAt,
      },
    });
    const done = new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    for (const [name, font] of Object.entries(fonts)) doc.registerFont(name, font);
    this.draw(doc, certificate, completedOn);
    doc.end();
    return done;
  }

  private draw(doc: PDFKit.PDFDocument, certificate: CertificateFacts, completedOn: string): void {
    const width = doc.page.width;
    const height = doc.page.height;
    const body = doc.struct('Document');
    doc.addStructure(body);
    const left = 80;
    const lineWidth = width - 2 * left;

    // The frame is decoration: marked as an artifact, so screen readers skip it.
    doc.markContent('Artifact');
    doc
      .lineWidth(3)
      .strokeColor(NHS_BLUE)
      .rect(20, 20, width - 40, height - 40)
      .stroke();
    doc
      .lineWidth(0.75)
      .rect(28, 28, width - 56, height - 56)
      .stroke();
    doc.endMarkedContent();

    const text = (
      value: string,
      options: {
        font: string;
        size: number;
        color?: string;
        y?: number;
        gap?: number;
        align?: 'center' | 'left' | 'right';
        x?: number;
        width?: number;
        structType?: string;
        link?: string;
      },
    ) => {
      doc
        .font(options.font)
        .fontSize(options.size)
        .fillColor(options.color ?? TEXT);
      doc.text(value, options.x ?? left, options.y ?? doc.y, {
        width: options.width ?? lineWidth,
        align: options.align ?? 'center',
        structParent: body,
        structType: options.structType ?? 'P',
        link: options.link,
        underline: Boolean(options.link),
      });
      if (options.gap) doc.y += options.gap;
    };

    text('NHS England', { font: BOLD, size: 18, color: NHS_BLUE, y: 48, align: 'right' });
    text('Domestic abuse and sexual violence programme', { font: REGULAR, size: 11, color: SECONDARY_TEXT, y: 52, align: 'left' });

    text('Certificate of completion', { font: BOLD, size: 34, y: 112, gap: 18, structType: 'H1' });
    text('This is to certify that', { font: REGULAR, size: 14, gap: 8 });
    text(certificate.learnerName, { font: BOLD, size: this.fittingSize(doc, certificate.learnerName, BOLD, 30, 18, lineWidth), gap: 8 });
    text('has completed the NHS England e-learning course', { font: REGULAR, size: 14, gap: 8 });
    text(certificate.courseTitle, { font: BOLD, size: this.fittingSize(doc, certificate.courseTitle, BOLD, 22, 14, lineWidth), gap: 8 });
    text(`Version ${certificate.versionNumber}, completed on ${completedOn}`, { font: REGULAR, size: 14, gap: 16 });
    text(
      'Part of NHS England’s national programme for the domestic abuse and sexual violence (DASV) network, ' +
        'helping NHS staff to recognise and respond to sexual misconduct and to make every workplace safe.',
      { font: REGULAR, size: 10.5, color: SECONDARY_TEXT, x: left + 60, width: lineWidth - 120 },
    );

    const url = this.verificationUrl(certificate.verificationCode);
    text(`Verification code: ${certificate.verificationCode}`, { font: BOLD, size: 14, y: height - 128, gap: 4 });
    text('Anyone can check this certificate is genuine at', { font: REGULAR, size: 10.5, color: SECONDARY_TEXT, gap: 2 });
    text(url, { font: REGULAR, size: 10.5, color: NHS_BLUE, link: url, structType: 'Link' });
  }

  /** The largest size from `largest` down to `smallest` at which `value` fits on one line; longer text wraps. */
  private fittingSize(doc: PDFKit.PDFDocument, value: string, font: string, largest: number, smallest: number, width: number): number {
    doc.font(font);
    for (let size = largest; size > smallest; size -= 2) {
      if (doc.fontSize(size).widthOfString(value) <= width) return size;
    }
    return smallest;
  }
}
