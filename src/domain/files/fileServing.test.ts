import { describe, expect, it } from 'vitest';
import { checkFileCount, checkImagePixels, formatBytes } from './fileLimits.js';
import { contentDisposition, servingHeaders } from './fileServing.js';

describe('serving a file', () => {
  it('shows safe raster images inline', () => {
    for (const mime of ['image/png', 'image/jpeg', 'image/gif', 'image/webp']) {
      const headers = servingHeaders({ mime, fileName: 'a.png' });
      expect(headers['content-type']).toBe(mime);
      expect(headers['content-disposition']).toMatch(/^inline;/);
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['content-security-policy']).toMatch(/^sandbox;/);
    }
  });

  it('makes everything else a sandboxed download', () => {
    const cases = {
      'image/svg+xml': 'application/octet-stream',
      'text/html': 'application/octet-stream',
      'application/xml': 'application/octet-stream',
      'video/x-unknown': 'application/octet-stream',
      'application/pdf': 'application/pdf',
      'text/plain': 'text/plain; charset=utf-8',
    };
    for (const [mime, contentType] of Object.entries(cases)) {
      const headers = servingHeaders({ mime, fileName: 'f' });
      expect(headers['content-type'], mime).toBe(contentType);
      expect(headers['content-disposition'], mime).toMatch(/^attachment;/);
      expect(headers['content-security-policy'], mime).toContain('sandbox');
      expect(headers['content-security-policy'], mime).toContain("default-src 'none'");
      expect(headers['x-content-type-options'], mime).toBe('nosniff');
    }
  });

  it('names the file exactly in UTF-8, and safely in ASCII', () => {
    expect(contentDisposition('attachment', 'Reçu "mars"; 100%.pdf')).toBe(
      `attachment; filename="Re_u _mars__ 100_.pdf"; filename*=UTF-8''Re%C3%A7u%20%22mars%22%3B%20100%25.pdf`,
    );
    expect(contentDisposition('inline', "it's (1).png")).toBe(
      `inline; filename="it's (1).png"; filename*=UTF-8''it%27s%20%281%29.png`,
    );
  });
});

describe('file limits', () => {
  it('refuses an image of more pixels than the limit, counting every frame', () => {
    expect(() => checkImagePixels(4000, 3000, 1, 50_000_000)).not.toThrow();
    expect(() => checkImagePixels(100_000, 100_000, 1, 50_000_000)).toThrow(
      expect.objectContaining({
        code: 'IMAGE_TOO_LARGE',
        message:
          'The image is 100000 × 100000 pixels; images of at most 50 megapixels are accepted',
      }),
    );
    expect(() => checkImagePixels(1000, 1000, 60, 50_000_000)).toThrow(
      expect.objectContaining({ code: 'IMAGE_TOO_LARGE' }),
    );
  });

  it('refuses more files per message than the limit', () => {
    expect(() => checkFileCount(10, { filesPerMessage: 10 })).not.toThrow();
    expect(() => checkFileCount(11, { filesPerMessage: 10 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ATTACHMENTS', field: 'fileIds' }),
    );
  });

  it('says sizes as people read them', () => {
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(12)).toBe('12 bytes');
  });
});
