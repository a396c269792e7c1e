import { Role } from '@dasv/auth';
import {
  CertificatesErrorReason,
  CertificatesModule,
  CertificateVerificationService,
  MyCertificatesService,
  UNKNOWN_CODES_PER_IP_PER_HOUR,
} from '@dasv/certificates';
import { createServiceTest, newCertificate, newUser, seededCourse, ServiceTest, TestCertificate, TestUser } from '@dasv/testing';

// Learners at Guy's and St Thomas' (RJ1), a real trust, on the seeded course. certificates.e2e-spec.ts
// and verification-page.e2e-spec.ts prove the downloads and the public page; this file the lookups.
const SLUG = 'understanding-sexual-misconduct';
// 23:30 UTC on 30 June is 00:30 on 1 July in London.
const COMPLETED_AT = new Date('2026-06-30T23:30:00Z');

describe('certificates: a learner’s own, and verification by code', () => {
  let test: ServiceTest;
  let mine: MyCertificatesService;
  let verification: CertificateVerificationService;
  let holder: TestUser;
  let certificate: TestCertificate;
  let ip = 0;
  const nextIp = () => `198.51.100.${++ip}`;

  beforeAll(async () => {
    test = await createServiceTest({ imports: [CertificatesModule], now: new Date('2026-07-02T10:00:00Z') });
    mine = test.get(MyCertificatesService);
    verification = test.get(CertificateVerificationService);
    holder = await newUser(test.dataSource, { odsCode: 'RJ1', name: 'Hana Holder', roles: [{ role: Role.LEARNER }] });
    certificate = await newCertificate(test.dataSource, { user: holder, completedAt: COMPLETED_AT });
  });
  afterAll(() => test.close());

  it('shows a learner their own certificate only: another learner has none, and an unknown course is not found', async () => {
    const course = await seededCourse(test.dataSource);
    expect(await mine.find(holder, SLUG)).toEqual({
      verificationCode: certificate.verificationCode,
      learnerName: 'Hana Holder',
      courseTitle: course.title,
      versionNumber: course.versionNumber,
      completedAt: COMPLETED_AT,
      downloadPath: `/training/courses/${SLUG}/certificate.pdf`,
    });
    const other = await newUser(test.dataSource, { odsCode: 'RJ1', roles: [{ role: Role.LEARNER }] });
    expect(await mine.find(other, SLUG)).toBeNull();
    await expect(mine.download(other, SLUG)).rejects.toMatchObject({ reason: CertificatesErrorReason.NotIssued });
    await expect(mine.find(holder, 'no-such-course')).rejects.toMatchObject({ reason: CertificatesErrorReason.CourseNotFound });
  });

  it('downloads a PDF named for the learner and the code', async () => {
    const file = await mine.download(holder, SLUG);
    expect(file.filename).toBe(`Hana Holder-${certificate.verificationCode}.pdf`);
    expect(file.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('verifies a code however it is typed, saying only the name, course and London day of completion', async () => {
    const typed = certificate.verificationCode.toLowerCase().replace(/-/g, ' – ').replace(/0/g, 'o');
    expect(await verification.verify(typed, nextIp())).toEqual({ learnerName: 'Hana Holder', courseTitle: certificate.courseTitle, completedOn: '2026-07-01' });
    expect(await verification.verify('ZZZZ-ZZZZ-ZZZZ', nextIp())).toBeNull();
    await expect(verification.verify('not a code', nextIp())).rejects.toMatchObject({ reason: CertificatesErrorReason.CodeInvalid });
  });

  it('limits the unknown codes one address may try, whatever real codes it checks in between', async () => {
    const from = nextIp();
    const unknown = (i: number) => `${String(i).padStart(4, '0')}-0000-0000`;
    for (let i = 0; i < UNKNOWN_CODES_PER_IP_PER_HOUR - 1; i++) expect(await verification.verify(unknown(i), from)).toBeNull();
    // An employer checking real certificates spends nothing.
    for (let i = 0; i < 5; i++) expect(await verification.verify(certificate.verificationCode, from)).not.toBeNull();
    expect(await verification.verify(unknown(UNKNOWN_CODES_PER_IP_PER_HOUR), from)).toBeNull();

    await expect(verification.verify(unknown(UNKNOWN_CODES_PER_IP_PER_HOUR + 1), from)).rejects.toMatchObject({
      reason: CertificatesErrorReason.VerificationRateLimited,
    });
    await expect(verification.verify(certificate.verificationCode, from)).rejects.toMatchObject({ reason: CertificatesErrorReason.VerificationRateLimited });
    expect(await verification.verify(certificate.verificationCode, nextIp())).not.toBeNull();
  });
});
