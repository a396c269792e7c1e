import { DateTime } from 'luxon';
import { LONDON_ZONE } from '@dasv/common';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A completion date as e-LfH and ESR exports write it: ISO (2025-01-31, or with a time) or the UK
 * form (31/01/2025, perhaps with a time). A date alone is midnight in London, so the completion
 * falls on that day in the daily trend. Null when it is neither, or no such day (31/02/2025).
 * Two-digit years are refused rather than guessed.
 */
export function parseCompletionDate(text: string): Date | null {
  let parsed: DateTime | null = null;
  if (ISO_DATE.test(text)) parsed = DateTime.fromISO(text, { zone: LONDON_ZONE });
  else if (ISO_DATE_TIME.test(text)) parsed = DateTime.fromISO(text.replace(' ', 'T'), { zone: LONDON_ZONE });
  else {
    const uk = UK_DATE.exec(text);
    if (uk) {
      const [, day, month, year, hour, minute, second] = uk;
      parsed = DateTime.fromObject(
        { year: Number(year), month: Number(month), day: Number(day), hour: Number(hour ?? 0), minute: Number(minute ?? 0), second: Number(second ?? 0) },
        { zone: LONDON_ZONE },
      );
    }
  }
  return parsed?.isValid ? parsed.toJSDate() : null;
}
