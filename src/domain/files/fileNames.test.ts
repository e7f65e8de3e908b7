import { describe, expect, it } from 'vitest';
import { extensionOf, MAX_FILE_NAME, sanitizeFileName, withExtension } from './fileNames.js';

describe('file names', () => {
  it('keeps an ordinary name as it is', () => {
    expect(sanitizeFileName('Receipt March 2026.pdf')).toBe('Receipt March 2026.pdf');
    expect(sanitizeFileName('Fees – été 😀.png')).toBe('Fees – été 😀.png');
  });

  it('keeps only the last segment of a path, whichever separator it uses', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Users\\yaw\\Desktop\\form.docx')).toBe('form.docx');
    expect(sanitizeFileName('/')).toBe('file');
    expect(sanitizeFileName('..')).toBe('file');
  });

  it('drops NUL and every other control character', () => {
    expect(sanitizeFileName('report\u0000.pdf')).toBe('report.pdf');
    expect(sanitizeFileName('a\u0007b\u001bc\u009b.txt')).toBe('abc.txt');
    expect(sanitizeFileName('line\nbreak.txt')).toBe('line break.txt');
  });

  it('drops bidirectional overrides, so a name reads as it is', () => {
    // Shown as "invoiceexe.pdf" with the override; it is an .exe.
    expect(sanitizeFileName('invoice\u202efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitizeFileName('\u2067a\u2069\u200fb\u200e\ufeff.png')).toBe('ab.png');
  });

  it('drops halves of surrogate pairs, which cannot be stored', () => {
    expect(sanitizeFileName('smile \ud83d.png')).toBe('smile .png');
  });

  it('replaces characters Windows refuses, and guards its device names', () => {
    expect(sanitizeFileName('a<b>c:d"e|f?g*.txt')).toBe('a_b_c_d_e_f_g_.txt');
    expect(sanitizeFileName('CON.txt')).toBe('_CON.txt');
    expect(sanitizeFileName('nul')).toBe('_nul');
  });

  it('trims spaces and dots at either end (no hidden files)', () => {
    expect(sanitizeFileName('  .bashrc ')).toBe('bashrc');
    expect(sanitizeFileName('notes.txt...')).toBe('notes.txt');
  });

  it('shortens a long name, keeping its extension', () => {
    const name = sanitizeFileName(`${'a'.repeat(500)}.pdf`);
    expect([...name]).toHaveLength(MAX_FILE_NAME);
    expect(name.endsWith('a.pdf')).toBe(true);
    const emoji = sanitizeFileName(`${'😀'.repeat(300)}.png`);
    expect([...emoji]).toHaveLength(MAX_FILE_NAME);
    expect(emoji.endsWith('😀.png')).toBe(true);
  });

  it('reads an extension only where a person would see one', () => {
    expect(extensionOf('photo.JPG')).toBe('jpg');
    expect(extensionOf('Screenshot 2026-01-05 at 10.30.12')).toBeNull();
    expect(extensionOf('README')).toBeNull();
    expect(withExtension('image', 'png')).toBe('image.png');
    expect(withExtension('Screenshot at 10.30.12', 'png')).toBe('Screenshot at 10.30.12.png');
    expect(withExtension('photo.jpg', 'png')).toBe('photo.jpg');
  });
});
