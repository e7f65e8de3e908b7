// What a person typed into a search box, as words to find: split where both databases' full-text
// indexes split (anything that is not a letter or a digit), so quotes, stars, minus signs and
// words like NEAR or OR are never operators, only text. The last word is a prefix while it is
// still being typed (no space after it yet), so results come as the user types.

/** Words beyond this many are ignored: a pasted paragraph is not a query. */
export const MAX_SEARCH_TERMS = 8;

export interface SearchTerms {
  /** Lower-cased words, each to be found (AND). */
  words: string[];
  /** The last word matches any word it begins. */
  lastIsPrefix: boolean;
}

/** The words of `input`; none when it holds no letter or digit. */
export function searchTerms(input: string): SearchTerms {
  const words = input
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, MAX_SEARCH_TERMS);
  const typing = /[\p{L}\p{N}]$/u.test(input);
  return { words, lastIsPrefix: typing && words.length > 0 };
}

/** Whether `word` (lower case) is matched by the terms: equal to one, or begun by the prefix. */
export function matchesTerm(terms: SearchTerms, word: string): boolean {
  return terms.words.some(
    (term, i) =>
      word === term ||
      (terms.lastIsPrefix && i === terms.words.length - 1 && word.startsWith(term)),
  );
}

/**
 * An FTS5 MATCH expression: each word a quoted string (its characters are letters and digits,
 * so nothing inside can end the quotes), all of them required, the last as a prefix.
 */
export function fts5Query(terms: SearchTerms): string {
  return terms.words
    .map((word, i) => `"${word}"${terms.lastIsPrefix && i === terms.words.length - 1 ? '*' : ''}`)
    .join(' ');
}

/** A PostgreSQL tsquery in to_tsquery's syntax: the words ANDed, the last as a prefix (`:*`). */
export function tsQuery(terms: SearchTerms): string {
  return terms.words
    .map((word, i) => `'${word}'${terms.lastIsPrefix && i === terms.words.length - 1 ? ':*' : ''}`)
    .join(' & ');
}
