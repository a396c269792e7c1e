import { Certificate } from './entities/certificate.entity';

/** Letters (any script), digits, spaces and the punctuation names carry; nothing a file system or zip tool reads as a path. */
const UNSAFE = /[^\p{L}\p{M}\p{N} '’.-]+/gu;

/**
 * `Jane O'Brien-7K3M-9QXD-H2PA.pdf`: the learner's name so a person can find it among thousands,
 * the code so that two people with one name never collide.
 */
export function certificateFileName(certificate: Pick<Certificate, 'learnerName' | 'verificationCode'>): string {
  const name = certificate.learnerName
    .normalize('NFC')
    .replace(UNSAFE, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 80)
    .trim();
  return `${name || 'Certificate'}-${certificate.verificationCode}.pdf`;
}
