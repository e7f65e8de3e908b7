// A file's name as Switchboard keeps and offers it: the last segment of whatever path the client
// sent, without characters that hide or forge what the name says (NUL and other controls, the
// bidirectional overrides that turn `invoice‮fdp.exe` into `invoiceexe.pdf` on screen), without
// characters that no common file system takes, and short enough for every one of them.

/** Longest name kept, in characters (most file systems allow 255 bytes). */
export const MAX_FILE_NAME = 120;

/** The name of a file whose name holds nothing usable. */
const FALLBACK_NAME = 'file';

// C0 and C1 controls (NUL included), DEL.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
// Bidirectional embeddings, overrides and isolates, directional marks, and invisible characters
// that make two names look alike (zero-width space, word joiner, BOM).
const INVISIBLES = /[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;
// Half of a surrogate pair: no UTF-8 form, so it cannot be stored as sent.
const LONE_SURROGATES = /\p{Surrogate}/gu;
// Refused by Windows in names; `/` and `\` never get here (the path is cut at them).
const RESERVED_CHARACTERS = /[<>:"|?*]/g;
// Device names Windows will not create a file under, whatever the extension.
const DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * An extension as people use them: a letter, then up to seven letters or digits. `at 10.30.12`
 * (a screenshot's time) is no extension.
 */
const EXTENSION = /\.([a-z][a-z0-9]{0,7})$/i;

/**
 * The name to keep for an upload called `raw`: its last path segment, cleaned of controls and
 * invisible characters, trimmed, at most MAX_FILE_NAME characters (keeping the extension).
 */
export function sanitizeFileName(raw: string): string {
  const lastSegment = raw.split(/[/\\]/).pop() ?? '';
  let name = lastSegment
    .normalize('NFC')
    .replace(INVISIBLES, '')
    .replace(/\s+/g, ' ')
    .replace(CONTROLS, '')
    .replace(LONE_SURROGATES, '')
    .replace(RESERVED_CHARACTERS, '_')
    // A leading dot hides a file; Windows drops trailing dots and spaces.
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (DEVICE_NAMES.test(stemOf(name))) name = `_${name}`;
  if (name === '') return FALLBACK_NAME;
  return shorten(name, MAX_FILE_NAME);
}

/** The extension of `name`, lowercased, without the dot; null when it has none. */
export function extensionOf(name: string): string | null {
  const match = EXTENSION.exec(name);
  return match ? match[1]!.toLowerCase() : null;
}

/** `name` with `extension` added when it has none (a pasted screenshot called `image`). */
export function withExtension(name: string, extension: string): string {
  if (extensionOf(name) !== null) return name;
  return shorten(`${name}.${extension}`, MAX_FILE_NAME);
}

function stemOf(name: string): string {
  const match = EXTENSION.exec(name);
  return match ? name.slice(0, match.index) : name;
}

/** At most `max` characters (code points), the extension kept whole. */
function shorten(name: string, max: number): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const match = EXTENSION.exec(name);
  const extension = match ? match[0] : '';
  const stem = [...(match ? name.slice(0, match.index) : name)];
  return (
    stem
      .slice(0, max - extension.length)
      .join('')
      .trimEnd() + extension
  );
}
