// A deliberate breach for test/boundaries.spec.ts: a library file taking another library's
// repository by path instead of calling a service through its front door. Never imported.
import { OrganisationsRepository } from '../../../../organisations/src/organisations.repository';

export type Breach = OrganisationsRepository;
