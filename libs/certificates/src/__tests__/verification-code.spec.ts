import { certificateFileName } from '../certificate-file-name';
import { completionDateInWords } from '../certificate-pdf.service';
import { newVerificationCode, normaliseVerificationCode } from '../verification-code';

describe('verification codes', () => {
  it('are three groups of four Crockford base32 characters, drawn afresh each time', () => {
    const codes = Array.from({ length: 2000 }, () => newVerificationCode());
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // Every one of the 32 characters turns up in every position: no position is fixed or biased away.
    for (let position = 0; position < 14; position++) {
      if (position === 4 || position === 9) continue;
      expect(new Set(codes.map((c) => c[position])).size).toBe(32);
    }
  });

  it('are read however they are typed: any case, spaces or dashes, and the letters taken for digits', () => {
    expect(normaliseVerificationCode('7K3M-9QXD-H2PA')).toBe('7K3M-9QXD-H2PA');
    expect(normaliseVerificationCode(' 7k3m9qxdh2pa ')).toBe('7K3M-9QXD-H2PA');
    expect(normaliseVerificationCode('7K3M 9QXD H2PA')).toBe('7K3M-9QXD-H2PA');
    expect(normaliseVerificationCode('7K3M–9QXD—H2PA')).toBe('7K3M-9QXD-H2PA');
    expect(normaliseVerificationCode('O0Il-LiOo-1234')).toBe('0011-1100-1234');
  });

  it('refuses anything that cannot be a code', () => {
    for (const typed of ['', '7K3M-9QXD', '7K3M-9QXD-H2PA-1', 'UUUU-UUUU-UUUU', '7K3M-9QXD-H2P!', '7K3M_9QXD_H2PA', '７K3M-9QXD-H2PA']) {
      expect(normaliseVerificationCode(typed)).toBeNull();
    }
  });
});

describe('certificate wording and file names', () => {
  it('dates a completion on its day in England, through the clock changes', () => {
    expect(completionDateInWords(new Date('2026-11-24T23:30:00Z'))).toBe('24 November 2026');
    expect(completionDateInWords(new Date('2026-06-24T23:30:00Z'))).toBe('25 June 2026');
    expect(completionDateInWords(new Date('2026-03-29T00:30:00Z'))).toBe('29 March 2026');
  });

  it('names a file for the learner and code, with nothing a file system or zip tool would read as a path', () => {
    const code = '7K3M-9QXD-H2PA';
    expect(certificateFileName({ learnerName: "Siobhán O'Brien", verificationCode: code })).toBe(`Siobhán O'Brien-${code}.pdf`);
    expect(certificateFileName({ learnerName: '../../etc/passwd', verificationCode: code })).toBe(`etc passwd-${code}.pdf`);
    expect(certificateFileName({ learnerName: 'A\\B:C*D?"E<F>G|H\u0000', verificationCode: code })).toBe(`A B C D E F G H-${code}.pdf`);
    expect(certificateFileName({ learnerName: '...', verificationCode: code })).toBe(`Certificate-${code}.pdf`);
    expect(certificateFileName({ learnerName: 'x'.repeat(300), verificationCode: code })).toBe(`${'x'.repeat(80)}-${code}.pdf`);
  });
});
