import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ODS_CODE_PATTERN } from '@dasv/organisations';
import { ChaseNowInput, PauseChasingInput } from '@dasv/nominations';
import { validatedInput } from '../shared/form.decorator';

/**
 * The chasing pages' forms and their translation to the GraphQL inputs: the pages validate with the
 * inputs' own rules (ChaseNowInput, PauseChasingInput) and the services' own checks.
 */

/** Route parameters: one organisation asked by one nomination return. */
export class ChaseTargetParams {
  @IsUUID('all', { message: 'The link to this return is not right' })
  returnId!: string;

  @Matches(ODS_CODE_PATTERN, { message: 'The link to this organisation is not right' })
  odsCode!: string;
}

/** The chase-now form, and the check page's hidden copy of it. */
export class ChaseNowFields {
  @IsOptional() @IsString() @MaxLength(4000) note?: string;
}

/** The pause form: the last day of the agreed extension as an NHS date input, and why. */
export class PauseFields {
  @IsOptional() @IsString() @MaxLength(4) untilDay?: string;
  @IsOptional() @IsString() @MaxLength(4) untilMonth?: string;
  @IsOptional() @IsString() @MaxLength(6) untilYear?: string;
  @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export function chasingPath(params: ChaseTargetParams): string {
  return `/nominations/${params.returnId}/organisations/${encodeURIComponent(params.odsCode.toUpperCase())}/chasing`;
}

export function chaseNowInput(params: ChaseTargetParams, fields: ChaseNowFields): Promise<ChaseNowInput> {
  return validatedInput(ChaseNowInput, { returnId: params.returnId, organisationOdsCode: params.odsCode, note: fields.note?.trim() || undefined });
}

/** Page wording where the input's message names a format nobody types here. */
const PAUSE_MESSAGES: Record<string, string> = {
  until: 'Enter the last day of the pause as a real date, like 18 12 2026',
};

export function pauseInput(params: ChaseTargetParams, fields: PauseFields): Promise<PauseChasingInput> {
  const pad = (text: string | undefined) => (text ?? '').trim().padStart(2, '0');
  return validatedInput(
    PauseChasingInput,
    {
      returnId: params.returnId,
      organisationOdsCode: params.odsCode,
      until: `${(fields.untilYear ?? '').trim()}-${pad(fields.untilMonth)}-${pad(fields.untilDay)}`,
      reason: fields.reason ?? '',
    },
    PAUSE_MESSAGES,
  );
}
