import { Injectable } from '@nestjs/common';
import { Clock, CsvColumn, londonDay, toCsv } from '@dasv/common';
import { TransactionRunnerService } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { AccessService, AuthUser, Permission } from '@dasv/auth';
import { isEmailVisible, isPhoneVisible } from './contact-visibility';
import { DirectoryFilterArgs } from './dto/directory.args';
import { DirectoryFiltersService } from './directory-filters.service';
import { DirectoryExportRow, DirectoryRepository } from './directory.repository';
import { DirectoryService } from './directory.service';

export interface DirectoryCsv {
  filename: string;
  csv: string;
  rowCount: number;
}

const LEAD_ROLE_NAMES: Record<string, string> = { EXECUTIVE: 'Executive', OPERATIONAL: 'Operational', SENIOR: 'Senior' };

const COLUMNS: CsvColumn<DirectoryExportRow>[] = [
  { header: 'Name', value: (r) => r.name },
  { header: 'Job title', value: (r) => r.jobTitle },
  { header: 'E-mail', value: (r) => (isEmailVisible(r) ? r.email : null) },
  { header: 'Telephone', value: (r) => (isPhoneVisible(r) ? r.phone : null) },
  { header: 'Lead role', value: (r) => LEAD_ROLE_NAMES[r.leadRole] ?? r.leadRole },
  { header: 'Organisation', value: (r) => r.organisationName },
  { header: 'ODS code', value: (r) => r.organisationOdsCode },
  { header: 'ICB', value: (r) => r.icbName },
  { header: 'ICB ODS code', value: (r) => r.icbOdsCode },
  { header: 'Region', value: (r) => r.regionName },
  { header: 'Region ODS code', value: (r) => r.regionOdsCode },
  { header: 'Lead since', value: (r) => londonDay(r.startedAt) },
];

/**
 * The directory of an administrator's own subtree as a spreadsheet: one row per current lead role
 * at an organisation they look after (regional, ICB and national administrators).
 */
@Injectable()
export class DirectoryExportService {
  constructor(
    private readonly access: AccessService,
    private readonly directoryService: DirectoryService,
    private readonly directory: DirectoryRepository,
    private readonly filters: DirectoryFiltersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly tx: TransactionRunnerService,
  ) {}

  async exportCsv(me: AuthUser, args: DirectoryFilterArgs): Promise<DirectoryCsv> {
    const filter = await this.filters.resolve(args);
    // Asking for an ICB or region outside one's subtree is refused rather than answered with nothing.
    if (filter.withinIds.length) await this.access.requireOrganisations(me, Permission.DirectoryExport, filter.withinIds);
    const scope = this.access.viewer(me, Permission.DirectoryExport);
    return this.tx.run(async (manager) => {
      const rows = await this.directory.exportRows(manager, { filter, viewer: this.directoryService.viewerOf(me), scope });
      await this.audit.record(manager, {
        actorId: me.id,
        action: 'directory.exported',
        entityType: 'directory',
        entityId: 'dasv_lead',
        details: { filters: { ...args }, rows: rows.length },
      });
      const today = londonDay(this.clock.now());
      return { filename: `dasv-lead-directory-${today}.csv`, csv: toCsv(COLUMNS, rows), rowCount: rows.length };
    });
  }
}
