import { decode } from 'iconv-lite';
import { OrganisationImportError } from '../organisations.errors';

/** The encodings an import file may be in: NHS files saved from Excel on Windows are often Windows-1252. */
export type ImportFileEncoding = 'UTF-8' | 'Windows-1252';

export interface DecodedImportFile {
  text: string;
  encoding: ImportFileEncoding;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

const REPLACEMENT_CHARACTER = '\uFFFD';
// C0 controls other than tab, CR and LF, DEL and C1 controls: no name or code holds them, but a
// UTF-16 file read as bytes (NULs) decodes to them.
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

// As csv-records' invalidFile, which reads its text through this file.
const invalidFile = (source: string, line: number, problem: string) => new OrganisationImportError('ImportInvalidFile', `${source}, line ${line}: ${problem}`);

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Checks text before it is parsed: a replacement character means an earlier conversion already lost
 * a letter (an import would write "UNIVERSIT\uFFFD" into every list and e-mail), so the file is refused.
 */
export function checkImportText(text: string, source: string, encoding: ImportFileEncoding = 'UTF-8'): string {
  const replaced = text.indexOf(REPLACEMENT_CHARACTER);
  if (replaced !== -1) {
    throw invalidFile(
      source,
      lineAt(text, replaced),
      'contains the replacement character U+FFFD, left where an earlier conversion lost a letter; fetch the file again from its source',
    );
  }
  const control = CONTROL_CHARACTER.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw invalidFile(
      source,
      lineAt(text, control.index),
      `contains the control character U+${code}: not a text file in UTF-8 or Windows-1252 (read as ${encoding})`,
    );
  }
  return text;
}

/**
 * Decodes a file as UTF-8 when it is valid UTF-8, else as Windows-1252 (which every byte sequence
 * is), so "MANCHESTER UNIVERSITÉ" saved by Excel arrives intact rather than with U+FFFD in it.
 */
export function decodeImportFile(content: Buffer, source: string): DecodedImportFile {
  let decoded: DecodedImportFile;
  try {
    decoded = { text: utf8.decode(content), encoding: 'UTF-8' };
  } catch {
    // iconv-lite, not TextDecoder('windows-1252'): Node's decodes that label as Latin-1, turning ’ (0x92)
    // into the control character U+0092. Latin-1 files read the same, bar 0x80–0x9F, which they never use.
    const text = decode(content, 'windows-1252');
    const undefinedByte = text.indexOf(REPLACEMENT_CHARACTER);
    if (undefinedByte !== -1) {
      throw invalidFile(source, lineAt(text, undefinedByte), 'is neither UTF-8 nor Windows-1252 (a byte Windows-1252 does not define); save it as UTF-8');
    }
    decoded = { text, encoding: 'Windows-1252' };
  }
  checkImportText(decoded.text, source, decoded.encoding);
  return decoded;
}
