import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ListQuery } from '../shared/pagination';

/**
 * The filter form's query string, as typed: only its length is checked here, so that a mistyped date
 * or code comes back to the page with the form's error messages rather than a bare 400.
 */
export class AuditTrailPageQuery extends ListQuery {
  @IsOptional() @IsString() @MaxLength(20, { message: 'Enter an ODS code, like RJ1' }) organisation?: string;
  @IsOptional() @IsString() @MaxLength(100, { message: 'Enter an action name, like user.invited' }) action?: string;
  @IsOptional() @IsString() @MaxLength(254, { message: 'Enter an e-mail address, like name@nhs.net' }) actor?: string;
  @IsOptional() @IsString() @MaxLength(4) fromDay?: string;
  @IsOptional() @IsString() @MaxLength(4) fromMonth?: string;
  @IsOptional() @IsString() @MaxLength(6) fromYear?: string;
  @IsOptional() @IsString() @MaxLength(4) toDay?: string;
  @IsOptional() @IsString() @MaxLength(4) toMonth?: string;
  @IsOptional() @IsString() @MaxLength(6) toYear?: string;
}

/** The filters a page link carries besides the cursors, in the order the form shows them. */
export const AUDIT_FILTER_PARAMS = ['organisation', 'action', 'actor', 'fromDay', 'fromMonth', 'fromYear', 'toDay', 'toMonth', 'toYear'] as const;
