// How a stored file is handed to a browser. Only raster images that browsers draw without running
// anything (PNG, JPEG, GIF, WebP, re-encoded on upload) are shown inline; everything else (SVG,
// HTML, XML, PDF, any type a deployment added, anything unknown) is a download that cannot run
// even when opened: `Content-Disposition: attachment`, a sandboxing Content-Security-Policy that
// forbids every script and resource, and `nosniff` so the browser takes the type as given.
import { isRasterImage } from './fileTypes.js';

/** Types served under their own name as downloads: documents nothing in a page runs. */
const DOWNLOAD_TYPES = new Set([
  'application/pdf',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/zip',
]);

/** Forbids everything a document could do, opened in a tab or not. */
export const FILE_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'";

export interface ServedFile {
  mime: string;
  fileName: string;
}

export type ServingHeaders = {
  'content-type': string;
  'content-disposition': string;
  'content-security-policy': string;
  'x-content-type-options': 'nosniff';
  'cross-origin-resource-policy': 'same-origin';
};

/** Whether `mime` is shown in the page (an image) rather than only ever downloaded. */
export const servedInline = (mime: string): boolean => isRasterImage(mime);

/** The headers to serve `file` with. */
export function servingHeaders(file: ServedFile): ServingHeaders {
  const inline = servedInline(file.mime);
  return {
    'content-type': inline
      ? file.mime
      : file.mime === 'text/plain'
        ? 'text/plain; charset=utf-8'
        : DOWNLOAD_TYPES.has(file.mime)
          ? file.mime
          : // Markup and anything unknown: bytes, not a document a browser would render.
            'application/octet-stream',
    'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', file.fileName),
    'content-security-policy': FILE_CSP,
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
  };
}

/**
 * A Content-Disposition naming `fileName` (RFC 6266): an ASCII `filename` for old clients, and the
 * exact name as `filename*` in UTF-8.
 */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
