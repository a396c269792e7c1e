import { CertificatesModule } from '@dasv/certificates';
import { PageArea } from '../shared/page-area';
import { CertificateVerificationView } from './certificate-verification.view';
import { CertificatesController } from './certificates.controller';

/** Certificate downloads, the public verification page and an organisation’s certificates zip. */
export const CERTIFICATE_PAGES: PageArea = { imports: [CertificatesModule], controllers: [CertificatesController], providers: [CertificateVerificationView] };
