/**
 * Organisation names as the NHS writes them ("Guy's and St Thomas' NHS Foundation Trust") from the
 * capitals ODS publishes ("GUY'S AND ST THOMAS' NHS FOUNDATION TRUST"). Title-case libraries start
 * from lower-case titles and know neither NHS acronyms nor place names such as Stoke-on-Trent, so this
 * is a small rule set with its exceptions listed here and tested over every seeded name.
 */

/** Kept in capitals wherever they appear. */
const ACRONYMS = new Set(['NHS', 'ICB', 'ICS', 'CCG', 'UK', 'GP', 'PCN', 'CIC', 'HIV', 'CAMHS', 'LLP', 'ENT', 'UCL', 'UCLH']);

/** Lower-case except as the first word: "Isle of Wight", "Newcastle upon Tyne", "Stoke-on-Trent". */
const SMALL_WORDS = new Set(['and', 'of', 'the', 'for', 'upon', 'on', 'in', 'at', 'to', 'by', 'with', 'a', 'an', 'under', 'super', 'le']);

/** Words whose NHS spelling no rule gives. */
const EXCEPTIONS: Record<string, string> = { '2GETHER': '2gether' };

const WORD = /[A-Z0-9]+(?:['’][A-Z0-9]*)*/g;

/**
 * The mixed-case form of an ODS name. A name already holding a lower-case letter is someone's own
 * spelling (the ICB and region names are published that way) and is returned as it is.
 */
export function mixedCaseOrganisationName(odsName: string): string {
  const name = odsName.trim();
  if (/[a-z]/.test(name)) return name;
  return name.replace(WORD, (word: string, offset: number) => {
    const isFirst = !/[A-Z0-9]/.test(name.slice(0, offset));
    return casedWord(word, isFirst);
  });
}

function casedWord(word: string, isFirst: boolean): string {
  if (ACRONYMS.has(word)) return word;
  if (EXCEPTIONS[word]) return EXCEPTIONS[word];
  const lower = word.toLowerCase();
  if (!isFirst && SMALL_WORDS.has(lower)) return lower;
  // 2GETHER and the like: a number leading a word keeps the rest of it in lower case.
  if (/^\d/.test(word)) return lower;
  // O'NEILL → O'Neill; GUY'S → Guy's: only a one-letter prefix takes a capital after its apostrophe.
  const irish = /^([A-Z])['’]([A-Z]{2,})$/.exec(word);
  if (irish) return `${irish[1]}${word[1]}${capitalised(irish[2])}`;
  const mac = /^MC([A-Z]{2,})$/.exec(word);
  if (mac) return `Mc${capitalised(mac[1])}`;
  return capitalised(word);
}

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}
