// What kind of file an upload is, decided from its content alone: its first bytes (magic numbers,
// read by file-type), then markup (HTML, SVG, XML, which have none), then plain text. The name and
// the type the client declared are claims, checked against that decision: a claim of another
// known type is refused (a PNG called `photo.jpg`, an HTML page called `notes.txt` is fine as text
// but `page.html` holding text is not), and a name without an extension gets the type's.
import { AppError } from '../errors.js';
import { extensionOf, withExtension } from './fileNames.js';

/** How much of the start of a file the decision reads (office documents need a few KiB). */
export const SAMPLE_BYTES = 64 * 1024;

export interface KnownType {
  mime: string;
  /** In messages: "a PNG image". */
  label: string;
  /** The first is the one given to a name without any. */
  extensions: readonly string[];
  /** Other names clients declare this type by. */
  aliases?: readonly string[];
  /** A raster image browsers draw without running anything: shown inline, with a thumbnail. */
  raster?: true;
}

const OPEN_XML = 'application/vnd.openxmlformats-officedocument';
const OPEN_DOCUMENT = 'application/vnd.oasis.opendocument';

export const KNOWN_TYPES: readonly KnownType[] = [
  { mime: 'image/png', label: 'a PNG image', extensions: ['png'], raster: true },
  {
    mime: 'image/jpeg',
    label: 'a JPEG image',
    extensions: ['jpg', 'jpeg', 'jpe', 'jfif'],
    aliases: ['image/jpg', 'image/pjpeg'],
    raster: true,
  },
  { mime: 'image/gif', label: 'a GIF image', extensions: ['gif'], raster: true },
  { mime: 'image/webp', label: 'a WebP image', extensions: ['webp'], raster: true },
  { mime: 'application/pdf', label: 'a PDF document', extensions: ['pdf'] },
  {
    mime: 'text/plain',
    label: 'plain text',
    extensions: ['txt', 'text', 'log', 'csv', 'md'],
    aliases: ['text/csv', 'text/markdown', 'text/x-markdown', 'text/x-log'],
  },
  { mime: `${OPEN_XML}.wordprocessingml.document`, label: 'a Word document', extensions: ['docx'] },
  { mime: `${OPEN_XML}.spreadsheetml.sheet`, label: 'an Excel workbook', extensions: ['xlsx'] },
  {
    mime: `${OPEN_XML}.presentationml.presentation`,
    label: 'a PowerPoint presentation',
    extensions: ['pptx'],
  },
  { mime: `${OPEN_DOCUMENT}.text`, label: 'an OpenDocument text', extensions: ['odt'] },
  {
    mime: `${OPEN_DOCUMENT}.spreadsheet`,
    label: 'an OpenDocument spreadsheet',
    extensions: ['ods'],
  },
  {
    mime: `${OPEN_DOCUMENT}.presentation`,
    label: 'an OpenDocument presentation',
    extensions: ['odp'],
  },
  // Known so that they are named and refused clearly; a deployment may accept them (FILE_TYPES),
  // and they are then only ever served as downloads (fileServing.ts).
  { mime: 'image/svg+xml', label: 'an SVG image', extensions: ['svg', 'svgz'] },
  {
    mime: 'text/html',
    label: 'an HTML page',
    extensions: ['html', 'htm', 'xhtml', 'shtml'],
    aliases: ['application/xhtml+xml'],
  },
  { mime: 'application/xml', label: 'an XML document', extensions: ['xml'], aliases: ['text/xml'] },
  {
    mime: 'application/zip',
    label: 'a ZIP archive',
    extensions: ['zip'],
    aliases: ['application/x-zip-compressed'],
  },
  {
    mime: 'application/x-cfb',
    label: 'an old Office document',
    extensions: ['doc', 'xls', 'ppt', 'msg'],
    aliases: ['application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint'],
  },
];

/** Screenshots, photos, receipts and forms: what a desk is sent and sends back. */
export const DEFAULT_ALLOWED_TYPES: readonly string[] = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  `${OPEN_XML}.wordprocessingml.document`,
  `${OPEN_XML}.spreadsheetml.sheet`,
  `${OPEN_XML}.presentationml.presentation`,
  `${OPEN_DOCUMENT}.text`,
  `${OPEN_DOCUMENT}.spreadsheet`,
  `${OPEN_DOCUMENT}.presentation`,
];

const BY_MIME = new Map(KNOWN_TYPES.map((type) => [type.mime, type]));
const BY_DECLARED = new Map(
  KNOWN_TYPES.flatMap((type) => [type.mime, ...(type.aliases ?? [])].map((m) => [m, type])),
);
const BY_EXTENSION = new Map(
  KNOWN_TYPES.flatMap((type) => type.extensions.map((ext) => [ext, type] as const)),
);

/** Whether files of `mime` are raster images shown inline, with a thumbnail. */
export const isRasterImage = (mime: string): boolean => BY_MIME.get(mime)?.raster === true;

/** The type a content was found to be: a known one, or one file-type names. */
function typeOf(mime: string, extension?: string): KnownType {
  return (
    BY_MIME.get(mime) ?? {
      mime,
      label: `a file of type ${mime}`,
      extensions: extension ? [extension] : [],
    }
  );
}

// The tags the WHATWG sniffing rules take for HTML, after optional whitespace.
const HTML_START =
  /^<(!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--)[\s>]/i;

/**
 * The type of a content starting with `sample`, or null when it is none Switchboard can tell.
 * `complete`: the sample is the whole file (so a cut UTF-8 sequence at its end is an error).
 */
export async function detectFileType(
  sample: Uint8Array,
  complete: boolean,
): Promise<KnownType | null> {
  // Loaded with the first upload: its signature tables are not needed to start.
  const { fileTypeFromBuffer } = await import('file-type/core');
  const found = await fileTypeFromBuffer(sample);
  if (found) {
    // file-type reads `<?xml` as XML; an SVG document is XML whose root is <svg>.
    if (found.mime === 'application/xml' && /<svg[\s>]/i.test(latin1(sample))) {
      return typeOf('image/svg+xml');
    }
    return typeOf(found.mime, found.ext);
  }
  const text = asText(sample, complete);
  if (text === null) return null;
  const start = text.replace(/^\ufeff/, '').trimStart();
  if (/^<svg[\s>]/i.test(start)) return typeOf('image/svg+xml');
  if (HTML_START.test(start)) return typeOf('text/html');
  if (/^<\?xml[\s?]/i.test(start)) return typeOf('application/xml');
  return typeOf('text/plain');
}

/** The sample as text, when it is UTF-8 without controls other than tab, newlines, form feed. */
function asText(sample: Uint8Array, complete: boolean): string | null {
  let text: string;
  try {
    // With stream: true, a sequence cut at the sample's end is held back instead of refused.
    text = new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text) ? null : text;
}

const latin1 = (bytes: Uint8Array) =>
  String.fromCharCode(...bytes.subarray(0, Math.min(bytes.length, 4096)));

export interface FileClaim {
  /** The name the client gave, already sanitized (fileNames.ts). */
  name: string;
  /** The part's Content-Type, if any. */
  declaredType?: string | undefined;
}

export interface FileTypeDecision {
  mime: string;
  label: string;
  /** Shown inline, with a thumbnail (a raster image). */
  raster: boolean;
  /** The name, with the type's extension added when it had none. */
  fileName: string;
}

/** Declared types that claim nothing: what clients send when they do not know. */
const NO_CLAIM = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/**
 * The type of an upload starting with `sample`, checked against `allowed` and the client's
 * claims; throws FILE_TYPE_NOT_ALLOWED or FILE_TYPE_MISMATCH with a message saying why.
 */
export async function decideFileType(
  sample: Uint8Array,
  complete: boolean,
  claim: FileClaim,
  allowed: readonly string[],
): Promise<FileTypeDecision> {
  if (sample.length === 0) throw new AppError('FILE_EMPTY', 'The file is empty');
  const type = await detectFileType(sample, complete);
  if (!type) {
    throw new AppError(
      'FILE_TYPE_NOT_ALLOWED',
      'This kind of file is not accepted: its content is of no type Switchboard recognises',
    );
  }
  if (!allowed.includes(type.mime)) {
    throw new AppError('FILE_TYPE_NOT_ALLOWED', `${capitalised(type.label)} is not accepted here`);
  }
  const extension = extensionOf(claim.name);
  if (extension !== null && !type.extensions.includes(extension)) {
    const named = BY_EXTENSION.get(extension);
    throw new AppError(
      'FILE_TYPE_MISMATCH',
      `The file is called .${extension}${named ? ` (${named.label})` : ''} but its content is ${type.label}`,
    );
  }
  const declared = claim.declaredType?.split(';')[0]!.trim().toLowerCase() ?? '';
  const declaredType = BY_DECLARED.get(declared);
  if (!NO_CLAIM.has(declared) && declaredType && declaredType.mime !== type.mime) {
    throw new AppError(
      'FILE_TYPE_MISMATCH',
      `The file was sent as ${declaredType.label} but its content is ${type.label}`,
    );
  }
  const fallback = type.extensions[0];
  return {
    mime: type.mime,
    label: type.label,
    raster: type.raster === true,
    fileName: fallback ? withExtension(claim.name, fallback) : claim.name,
  };
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
