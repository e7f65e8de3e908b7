import { describe, expect, it } from 'vitest';
import { replyText } from './quotedText.js';

const body = (text: string) => replyText(text).body;

describe('reply text', () => {
  it('keeps a mail without history as it is', () => {
    expect(replyText('Thanks, it works now.\n')).toEqual({
      body: 'Thanks, it works now.',
      stripped: false,
    });
  });

  it('cuts the history from its attribution line', () => {
    const text =
      'It still jams.\n\nOn Mon, 5 Jan 2026 at 09:00, IT Desk <helpdesk@uni.example> wrote:\n> Have you tried turning it off?\n> \n';
    expect(replyText(text)).toEqual({ body: 'It still jams.', stripped: true });
  });

  it('cuts an attribution Gmail wrapped over two lines', () => {
    const text =
      'It still jams.\r\n\r\nOn Mon, 5 Jan 2026 at 09:00, IT Desk of the University\r\n<helpdesk@uni.example> wrote:\r\n> Hello\r\n';
    expect(body(text)).toBe('It still jams.');
  });

  it('cuts German, French and Spanish attributions', () => {
    expect(body('Danke.\n\nAm 05.01.2026 um 09:00 schrieb IT Desk <h@u.example>:\n> Hallo')).toBe(
      'Danke.',
    );
    expect(body('Merci.\n\nLe lun. 5 janv. 2026 à 09:00, IT Desk a écrit :\n> Bonjour')).toBe(
      'Merci.',
    );
    expect(body('Gracias.\n\nEl lun, 5 ene 2026 a las 9:00, IT Desk escribió:\n> Hola')).toBe(
      'Gracias.',
    );
  });

  it('cuts Outlook’s quoted header block and its separators', () => {
    const block =
      'Fixed, thanks.\n\n________________________________\nFrom: IT Desk <helpdesk@uni.example>\nSent: Monday, January 5, 2026 9:00 AM\nTo: Yaw\nSubject: [#1042] Printer\n\nHello';
    expect(body(block)).toBe('Fixed, thanks.');
    const bare =
      'Fixed.\n\nFrom: IT Desk <helpdesk@uni.example>\nDate: Mon, 5 Jan 2026\nSubject: x\n\nold';
    expect(body(bare)).toBe('Fixed.');
    expect(body('Fixed.\n\n-----Original Message-----\nFrom: IT\nhello')).toBe('Fixed.');
  });

  it('keeps a line that only starts with From: in the writer’s text', () => {
    expect(body('From: the library, I cannot print.\nPlease help.')).toBe(
      'From: the library, I cannot print.\nPlease help.',
    );
  });

  it('cuts a trailing quote without attribution, and keeps quotes between answers', () => {
    expect(body('Yes.\n\n> Is it on?\n> Is it plugged in?\n')).toBe('Yes.');
    expect(body('> Is it on?\nYes.\n> Plugged in?\nNo.')).toBe(
      '> Is it on?\nYes.\n> Plugged in?\nNo.',
    );
  });

  it('cuts the signature after "-- "', () => {
    expect(body('Works now.\n\n-- \nYaw Mensah\nRoom 12')).toBe('Works now.');
    expect(body('Works now.\n--\nYaw')).toBe('Works now.');
  });

  it('cuts phone and webmail footers', () => {
    expect(body('Works now.\n\nSent from my iPhone')).toBe('Works now.');
    expect(body('Works now.\n\nGet Outlook for Android')).toBe('Works now.');
    expect(body('Works now.\n\nVon meinem iPhone gesendet')).toBe('Works now.');
    expect(body('Works now.\n\nSent from my iPhone\n\nOn Mon, IT Desk wrote:\n> Hi')).toBe(
      'Works now.',
    );
  });

  it('keeps a mail that is nothing but a quote', () => {
    expect(replyText('> forwarded question\n> more')).toEqual({
      body: '> forwarded question\n> more',
      stripped: false,
    });
  });
});
