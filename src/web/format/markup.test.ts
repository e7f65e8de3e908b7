import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/vocabulary.js';
import { parseInline, parseMessage, type Inline } from './markup.js';

const text = (value: string): Inline => ({ kind: 'text', text: value });
const strong = (...children: Inline[]): Inline => ({ kind: 'strong', children });
const em = (...children: Inline[]): Inline => ({ kind: 'em', children });
const code = (value: string): Inline => ({ kind: 'code', text: value });
const link = (href: string, value = href): Inline => ({ kind: 'link', href, text: value });
const br: Inline = { kind: 'break' };

describe('parseInline', () => {
  it('keeps plain text as one text node', () => {
    expect(parseInline('Hello there, how can I help?')).toEqual([
      text('Hello there, how can I help?'),
    ]);
  });

  it('reads bold and italic with either marker', () => {
    expect(parseInline('a **bold** and *italic* and __b__ and _i_')).toEqual([
      text('a '),
      strong(text('bold')),
      text(' and '),
      em(text('italic')),
      text(' and '),
      strong(text('b')),
      text(' and '),
      em(text('i')),
    ]);
  });

  it('nests italic in bold and bold in italic', () => {
    expect(parseInline('**bold _and italic_**')).toEqual([
      strong(text('bold '), em(text('and italic'))),
    ]);
    expect(parseInline('*it **and bold***')).toEqual([em(text('it '), strong(text('and bold')))]);
    expect(parseInline('***both***')).toEqual([strong(em(text('both')))]);
  });

  it('leaves markers that never close as they were typed', () => {
    expect(parseInline('**not closed')).toEqual([text('**not closed')]);
    expect(parseInline('*a **b* c')).toEqual([em(text('a **b')), text(' c')]);
    expect(parseInline('_open *and* never closed')).toEqual([
      text('_open '),
      em(text('and')),
      text(' never closed'),
    ]);
  });

  it('does not read markers inside words or around spaces as emphasis', () => {
    expect(parseInline('2*3*4 = 24')).toEqual([text('2*3*4 = 24')]);
    expect(parseInline('call my_var_name now')).toEqual([text('call my_var_name now')]);
    expect(parseInline('a * b * c')).toEqual([text('a * b * c')]);
    expect(parseInline('** not bold **')).toEqual([text('** not bold **')]);
    expect(parseInline('****')).toEqual([text('****')]);
    expect(parseInline('(*note*), done.')).toEqual([text('('), em(text('note')), text('), done.')]);
  });

  it('keeps markers inside inline code as code', () => {
    expect(parseInline('run `a **b** _c_` now')).toEqual([
      text('run '),
      code('a **b** _c_'),
      text(' now'),
    ]);
    expect(parseInline('**bold `code*` bold**')).toEqual([
      strong(text('bold '), code('code*'), text(' bold')),
    ]);
  });

  it('matches backtick runs of the same length, and leaves unmatched ones', () => {
    expect(parseInline('``a ` b``')).toEqual([code('a ` b')]);
    expect(parseInline('`` `x` ``')).toEqual([code('`x`')]);
    expect(parseInline('a ` b')).toEqual([text('a ` b')]);
    expect(parseInline('`` a ` b')).toEqual([text('`` a ` b')]);
  });

  it('turns line breaks into break nodes', () => {
    expect(parseInline('one\ntwo')).toEqual([text('one'), br, text('two')]);
    expect(parseInline('**one\ntwo**')).toEqual([strong(text('one'), br, text('two'))]);
  });

  it('links web addresses and email addresses', () => {
    expect(parseInline('see https://example.com/a_b_c?x=1#y, or mail help@example.com.')).toEqual([
      text('see '),
      link('https://example.com/a_b_c?x=1#y'),
      text(', or mail '),
      link('mailto:help@example.com', 'help@example.com'),
      text('.'),
    ]);
    expect(parseInline('go to www.example.com')).toEqual([
      text('go to '),
      link('http://www.example.com', 'www.example.com'),
    ]);
  });

  it('ends a link before the emphasis markers around it', () => {
    expect(parseInline('**https://example.com/x**')).toEqual([
      strong(link('https://example.com/x')),
    ]);
    expect(parseInline('_see www.example.com_')).toEqual([
      em(text('see '), link('http://www.example.com', 'www.example.com')),
    ]);
  });

  it('links only http(s) and mailto addresses', () => {
    for (const hostile of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.com/file',
    ]) {
      const nodes = parseInline(hostile);
      expect(
        nodes.some((node) => node.kind === 'link'),
        hostile,
      ).toBe(false);
      expect(nodes.map((node) => (node.kind === 'text' ? node.text : '')).join('')).toBe(hostile);
    }
  });

  it('keeps an address in inline code as code', () => {
    expect(parseInline('`https://example.com`')).toEqual([code('https://example.com')]);
  });

  it('keeps HTML as text', () => {
    expect(parseInline('<img src=x onerror=alert(1)> <b>hi</b>')).toEqual([
      text('<img src=x onerror=alert(1)> <b>hi</b>'),
    ]);
  });
});

describe('parseMessage', () => {
  it('splits paragraphs on blank lines and keeps single line breaks', () => {
    expect(parseMessage('Hi\nthere\n\n\nSecond')).toEqual([
      { kind: 'paragraph', children: [text('Hi'), br, text('there')] },
      { kind: 'paragraph', children: [text('Second')] },
    ]);
  });

  it('reads bullet and numbered lists', () => {
    expect(
      parseMessage('Steps:\n1. Open **Settings**\n2. Click Save\n- one\n* two\n+ three'),
    ).toEqual([
      { kind: 'paragraph', children: [text('Steps:')] },
      {
        kind: 'list',
        ordered: true,
        start: 1,
        items: [[text('Open '), strong(text('Settings'))], [text('Click Save')]],
      },
      {
        kind: 'list',
        ordered: false,
        start: 1,
        items: [[text('one')], [text('two')], [text('three')]],
      },
    ]);
    expect(parseMessage('3) third\n4) fourth')).toEqual([
      { kind: 'list', ordered: true, start: 3, items: [[text('third')], [text('fourth')]] },
    ]);
  });

  it('does not take bold at the start of a line or a dash in a word for a list', () => {
    expect(parseMessage('**Note** this\n-dash\n2.5 litres')).toEqual([
      {
        kind: 'paragraph',
        children: [strong(text('Note')), text(' this'), br, text('-dash'), br, text('2.5 litres')],
      },
    ]);
  });

  it('keeps a fenced code block exactly as typed, markers and HTML included', () => {
    const body = '  const a = **b** * c;\n\n<script>alert(1)</script>\nhttps://example.com';
    expect(parseMessage('Try:\n```js\n' + body + '\n```\nthen *reload*')).toEqual([
      { kind: 'paragraph', children: [text('Try:')] },
      { kind: 'codeBlock', text: body },
      { kind: 'paragraph', children: [text('then '), em(text('reload'))] },
    ]);
  });

  it('runs an unclosed code block to the end of the message', () => {
    expect(parseMessage('```\nstill code\n- not a list')).toEqual([
      { kind: 'codeBlock', text: 'still code\n- not a list' },
    ]);
  });

  it('reads ``` with more on the line as inline code, not a fence', () => {
    expect(parseMessage('```x``` here')).toEqual([
      { kind: 'paragraph', children: [code('x'), text(' here')] },
    ]);
  });

  it('reads Windows line endings like Unix ones', () => {
    expect(parseMessage('a\r\nb')).toEqual([
      { kind: 'paragraph', children: [text('a'), br, text('b')] },
    ]);
  });

  it('gives nothing for an empty or blank message', () => {
    expect(parseMessage('')).toEqual([]);
    expect(parseMessage(' \n\n ')).toEqual([]);
  });

  it('parses hostile inputs of the largest message size quickly', () => {
    const size = LIMITS.message;
    const hostile = [
      '*'.repeat(size),
      '*a '.repeat(size / 3),
      '**a _b '.repeat(size / 7),
      '`'.repeat(size),
      '` ``'.repeat(size / 4),
      '_'.repeat(size),
      'https://example.com/'.repeat(size / 20),
      'a@b.'.repeat(size / 4),
      '- *x\n'.repeat(size / 5),
      '```\n'.repeat(size / 4),
    ];
    for (const input of hostile) {
      expect(
        fastest(() => parseMessage(input)),
        input.slice(0, 12),
      ).toBeLessThan(100);
    }
  });

  it('parses 10 times the largest message, of shapes that trip quadratic parsers, in linear time', () => {
    // Quadratic work on this much text takes seconds; linear work takes milliseconds.
    const size = LIMITS.message * 10;
    for (const unit of ['**a *b `c` _d https://e.com/f ', '`` ` ', '*a _b ']) {
      const input = unit.repeat(size / unit.length);
      expect(
        fastest(() => parseMessage(input)),
        unit,
      ).toBeLessThan(400);
    }
  });
});

/** The fastest of a few runs, in milliseconds: the least disturbed by a busy machine. */
function fastest(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}
