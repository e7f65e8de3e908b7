import { describe, expect, it } from 'vitest';
import { searchSnippet } from './searchSnippet.js';
import { fts5Query, searchTerms, tsQuery } from './searchTerms.js';

describe('searchTerms', () => {
  it('splits on anything but letters and digits, lower-cased, the last word a prefix while typed', () => {
    expect(searchTerms('Refund CS101 fe')).toEqual({
      words: ['refund', 'cs101', 'fe'],
      lastIsPrefix: true,
    });
    expect(searchTerms('refund ')).toEqual({ words: ['refund'], lastIsPrefix: false });
  });

  it('turns every operator and quote of FTS5 and tsquery into plain separators', () => {
    for (const input of [
      '"',
      '*',
      '-',
      '"unclosed',
      'a*b',
      'NEAR(a b)',
      "it's",
      'a & b | !c:*',
      '^x',
    ]) {
      const terms = searchTerms(input);
      for (const word of terms.words) expect(word).toMatch(/^[\p{L}\p{N}]+$/u);
    }
    expect(fts5Query(searchTerms('NEAR(a b)'))).toBe('"near" "a" "b"');
    expect(tsQuery(searchTerms("it's fee"))).toBe("'it' & 's' & 'fee':*");
  });

  it('has no words for input without a letter or digit', () => {
    expect(searchTerms(' "*- ')).toEqual({ words: [], lastIsPrefix: false });
  });

  it('keeps at most eight words', () => {
    expect(searchTerms('a b c d e f g h i j').words).toHaveLength(8);
  });
});

describe('searchSnippet', () => {
  const terms = searchTerms('refund fe');

  it('marks the matched words, the last search word as a prefix', () => {
    expect(searchSnippet('Please refund my fees.', terms)).toEqual([
      { text: 'Please ', match: false },
      { text: 'refund', match: true },
      { text: ' my ', match: false },
      { text: 'fees', match: true },
      { text: '.', match: false },
    ]);
  });

  it('cuts a long text around the first match', () => {
    const long = `${'word '.repeat(50)}refund ${'tail '.repeat(50)}`;
    const parts = searchSnippet(long, terms);
    expect(parts[0]!.text.startsWith('…')).toBe(true);
    expect(parts.at(-1)!.text.endsWith('…')).toBe(true);
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['refund']);
  });

  it('gives the beginning of a text without a match, unmarked', () => {
    expect(searchSnippet('Nothing here', terms)).toEqual([{ text: 'Nothing here', match: false }]);
  });
});
