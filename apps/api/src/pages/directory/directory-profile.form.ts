import { Transform } from 'class-transformer';
import { UpdateLeadProfileInput } from '@dasv/directory';

/** "One per line", as the box asks; blank lines are just spacing. */
const lines = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
    : value;

const yesOrNo = ({ value }: { value: unknown }) => (value === 'yes' ? true : value === 'no' ? false : value);

/**
 * The edit-profile form: the API's input and rules, with the areas of interest typed one per line
 * and the two choices as yes/no radios.
 */
export class LeadProfileForm extends UpdateLeadProfileInput {
  @Transform(lines)
  override areasOfInterest?: string[];

  @Transform(yesOrNo)
  override showEmail?: boolean;

  @Transform(yesOrNo)
  override showPhone?: boolean;

  /** The form shows every field, so a box left empty means none, where the API would keep what was saved. */
  toInput(): UpdateLeadProfileInput {
    return {
      phone: this.phone ?? null,
      bio: this.bio ?? '',
      areasOfInterest: this.areasOfInterest ?? [],
      showEmail: this.showEmail,
      showPhone: this.showPhone,
    };
  }
}
