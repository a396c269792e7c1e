import { Injectable } from '@nestjs/common';
import { CsvColumn, londonSpreadsheetTime, toCsv } from '@dasv/common';
import { AuthUser } from '@dasv/auth';
import { LeadExportRow, NominationDashboardRepository, StatusExportRow } from './nomination-dashboard.repository';
import { NominationReadScopeService } from './nomination-read-scope.service';
import { leadRoleLabel, ORGANISATION_TYPE_LABELS, RESPONSE_STATUS_LABELS, SUBMISSION_STATUS_LABELS } from './nomination-labels';

const yesNo = (value: boolean): string => (value ? 'Yes' : 'No');

const STATUS_COLUMNS: CsvColumn<StatusExportRow>[] = [
  { header: 'Region', value: (r) => r.regionName },
  { header: 'ICB', value: (r) => r.icbName },
  { header: 'ODS code', value: (r) => r.odsCode },
  { header: 'Organisation', value: (r) => r.organisationName },
  { header: 'Organisation type', value: (r) => ORGANISATION_TYPE_LABELS[r.organisationType] ?? r.organisationType },
  { header: 'Status', value: (r) => RESPONSE_STATUS_LABELS[r.status] },
  { header: 'First responded (UK time)', value: (r) => londonSpreadsheetTime(r.respondedAt) },
  { header: 'Latest version', value: (r) => r.currentVersion },
  { header: 'Latest version status', value: (r) => (r.currentStatus ? SUBMISSION_STATUS_LABELS[r.currentStatus] : null) },
];

const LEAD_COLUMNS: CsvColumn<LeadExportRow>[] = [
  { header: 'Region', value: (r) => r.regionName },
  { header: 'ICB', value: (r) => r.icbName },
  { header: 'ODS code', value: (r) => r.odsCode },
  { header: 'Organisation', value: (r) => r.organisationName },
  { header: 'Lead role', value: (r) => leadRoleLabel(r.leadRole) },
  { header: 'Name', value: (r) => r.name },
  { header: 'Job title', value: (r) => r.jobTitle },
  { header: 'E-mail', value: (r) => r.email },
  { header: 'Telephone', value: (r) => r.phone },
  { header: 'On executive team', value: (r) => yesNo(r.onExecutiveTeam) },
  { header: 'Submission version', value: (r) => r.version },
  { header: 'Submission status', value: (r) => SUBMISSION_STATUS_LABELS[r.submissionStatus] },
  { header: 'Submitted (UK time)', value: (r) => londonSpreadsheetTime(r.submittedAt) },
  { header: 'Late', value: (r) => yesNo(r.isLate) },
];

export interface NominationExport {
  filename: string;
  csv: string;
}

/** Spreadsheets of a return, scoped exactly as the dashboard is. */
@Injectable()
export class NominationExportsService {
  constructor(
    private readonly scope: NominationReadScopeService,
    private readonly dashboard: NominationDashboardRepository,
  ) {}

  async statuses(me: AuthUser, returnId: string, within?: string): Promise<NominationExport> {
    const { filter, within: area } = await this.scope.resolve(me, returnId, within);
    return { filename: filename('statuses', returnId, area?.odsCode), csv: toCsv(STATUS_COLUMNS, await this.dashboard.statusExport(filter)) };
  }

  async leads(me: AuthUser, returnId: string, within?: string): Promise<NominationExport> {
    const { filter, within: area } = await this.scope.resolve(me, returnId, within);
    return { filename: filename('leads', returnId, area?.odsCode), csv: toCsv(LEAD_COLUMNS, await this.dashboard.leadExport(filter)) };
  }
}

function filename(kind: string, returnId: string, odsCode?: string): string {
  return `nomination-${kind}-${returnId.slice(0, 8)}${odsCode ? `-${odsCode}` : ''}.csv`;
}
