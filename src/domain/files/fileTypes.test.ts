import { describe, expect, it } from 'vitest';
import { DEFAULT_ALLOWED_TYPES, decideFileType, detectFileType } from './fileTypes.js';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
const PNG = bytes(
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13],
  'IHDR',
  [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0],
);
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF', [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
const PDF = bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n');
const allowed = DEFAULT_ALLOWED_TYPES;

const decide = (sample: Uint8Array, name: string, declaredType?: string) =>
  decideFileType(sample, true, { name, declaredType }, allowed);

describe('the type of a file', () => {
  it('is read from the content, whatever the name says', async () => {
    expect((await detectFileType(PNG, true))?.mime).toBe('image/png');
    expect((await detectFileType(JPEG, true))?.mime).toBe('image/jpeg');
    expect((await detectFileType(PDF, true))?.mime).toBe('application/pdf');
    expect((await detectFileType(bytes('Dear desk,\nmy fees…\n'), true))?.mime).toBe('text/plain');
  });

  it('tells markup apart, though it has no magic number', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    expect((await detectFileType(bytes(svg), true))?.mime).toBe('image/svg+xml');
    expect((await detectFileType(bytes(`<?xml version="1.0"?>\n${svg}`), true))?.mime).toBe(
      'image/svg+xml',
    );
    expect((await detectFileType(bytes('\ufeff  <!DOCTYPE html><p>hi'), true))?.mime).toBe(
      'text/html',
    );
    expect((await detectFileType(bytes('<script>alert(1)</script>'), true))?.mime).toBe(
      'text/html',
    );
    expect((await detectFileType(bytes('<?xml version="1.0"?><a/>'), true))?.mime).toBe(
      'application/xml',
    );
  });

  it('is unknown for binary content of no type it knows', async () => {
    expect(await detectFileType(bytes([0, 1, 2, 3, 4, 5, 0xfe, 0xff]), true)).toBeNull();
    expect(await detectFileType(bytes([0xc3, 0x28]), true)).toBeNull();
  });

  it('takes a sample cut inside a UTF-8 character as text, but not a whole file so', async () => {
    const cut = bytes('caf', [0xc3]);
    expect((await detectFileType(cut, false))?.mime).toBe('text/plain');
    expect(await detectFileType(cut, true)).toBeNull();
  });
});

describe('the decision on an upload', () => {
  it('accepts what the allow-list holds, and names it', async () => {
    expect(await decide(PNG, 'screenshot.png', 'image/png')).toEqual({
      mime: 'image/png',
      label: 'a PNG image',
      raster: true,
      fileName: 'screenshot.png',
    });
    expect(await decide(JPEG, 'photo.JPEG', 'image/pjpeg')).toMatchObject({ raster: true });
    expect(await decide(PDF, 'receipt.pdf')).toMatchObject({ raster: false });
  });

  it('gives a name without an extension the type’s', async () => {
    expect((await decide(PNG, 'image')).fileName).toBe('image.png');
    expect((await decide(bytes('hello'), 'README')).fileName).toBe('README.txt');
  });

  it('refuses a name claiming another type', async () => {
    await expect(decide(PNG, 'photo.jpg')).rejects.toMatchObject({
      code: 'FILE_TYPE_MISMATCH',
      message: 'The file is called .jpg (a JPEG image) but its content is a PNG image',
    });
    await expect(decide(PDF, 'invoicefdp.exe')).rejects.toMatchObject({
      code: 'FILE_TYPE_MISMATCH',
    });
    // Text is text under any of its names, and nothing else.
    expect((await decide(bytes('a,b\n1,2\n'), 'grades.csv')).mime).toBe('text/plain');
    await expect(decide(bytes('just text'), 'page.html')).rejects.toMatchObject({
      code: 'FILE_TYPE_MISMATCH',
    });
  });

  it('refuses a declared type of another known type, and ignores one that claims nothing', async () => {
    await expect(decide(PNG, 'image', 'application/pdf')).rejects.toMatchObject({
      code: 'FILE_TYPE_MISMATCH',
      message: 'The file was sent as a PDF document but its content is a PNG image',
    });
    expect((await decide(PNG, 'image', 'application/octet-stream')).mime).toBe('image/png');
    expect((await decide(PNG, 'image', 'application/x-made-up')).mime).toBe('image/png');
    expect((await decide(PNG, 'a.png', 'IMAGE/PNG; charset=binary')).mime).toBe('image/png');
  });

  it('refuses SVG, HTML and unknown content by default, saying what it is', async () => {
    await expect(decide(bytes('<svg onload="alert(1)"/>'), 'logo.svg')).rejects.toMatchObject({
      code: 'FILE_TYPE_NOT_ALLOWED',
      message: 'An SVG image is not accepted here',
    });
    await expect(decide(bytes('<html><script>x</script>'), 'a.txt')).rejects.toMatchObject({
      code: 'FILE_TYPE_NOT_ALLOWED',
      message: 'An HTML page is not accepted here',
    });
    await expect(decide(bytes([0x4d, 0x5a, 0x90, 0, 3]), 'tool.exe')).rejects.toMatchObject({
      code: 'FILE_TYPE_NOT_ALLOWED',
    });
  });

  it('takes a type the deployment added', async () => {
    const svg = bytes('<svg xmlns="http://www.w3.org/2000/svg"/>');
    const decision = await decideFileType(svg, true, { name: 'logo' }, ['image/svg+xml']);
    expect(decision).toMatchObject({ mime: 'image/svg+xml', raster: false, fileName: 'logo.svg' });
  });

  it('refuses an empty file', async () => {
    await expect(decide(bytes(''), 'empty.txt')).rejects.toMatchObject({ code: 'FILE_EMPTY' });
  });
});
