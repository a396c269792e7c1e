import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ListQuery } from '../shared/pagination';

/**
 * The users list's filters as typed: only their length is checked here, so that a mistyped code or
 * an unknown role comes back to the page with the form's error messages rather than a bare 400.
 */
export class UsersPageQuery extends ListQuery {
  @IsOptional() @IsString() @MaxLength(20, { message: 'Enter an ODS code, like RJ1' }) organisation?: string;
  @IsOptional() @IsString() @MaxLength(40, { message: 'Choose a role from the list' }) role?: string;
}

/** The filters a page link carries besides the cursors, in the order the form shows them. */
export const USER_FILTER_PARAMS = ['search', 'organisation', 'role'] as const;
