// The piece of a matched text shown under a search result, with the matched words marked. Worked
// out from the text and the search words, the same way on both databases (neither stems, so a
// word matches when it equals a search word or, for the last one, begins with it).
import { matchesTerm, type SearchTerms } from './searchTerms.js';

export interface SnippetPart {
  text: string;
  /** A word the search matched. */
  match: boolean;
}

/** Words of context kept around the first match. */
const BEFORE = 8;
const AFTER = 24;

/**
 * The text around the first matched word, split into parts with the matched words marked;
 * `…` where it was cut. Text without a match gives its beginning, unmarked.
 */
export function searchSnippet(text: string, terms: SearchTerms): SnippetPart[] {
  // Words and the runs between them, alternately, so the text is rebuilt exactly.
  const pieces = text.split(/([\p{L}\p{N}]+)/u);
  const isWord = (i: number) => i % 2 === 1;
  const words = pieces.flatMap((piece, i) => (isWord(i) ? [i] : []));
  const first = words.findIndex((i) =>
    matchesTerm(terms, pieces[i]!.normalize('NFC').toLowerCase()),
  );
  const from = Math.max(0, (first < 0 ? 0 : first) - BEFORE);
  const to = Math.min(words.length, from + BEFORE + AFTER);
  const start = from === 0 ? 0 : words[from]!;
  const end = to === words.length ? pieces.length : words[to]!;
  const parts: SnippetPart[] = [];
  const push = (part: string, match: boolean) => {
    const last = parts.at(-1);
    if (last && last.match === match && !match) last.text += part;
    else if (part.length > 0) parts.push({ text: part, match });
  };
  if (start > 0) push('…', false);
  for (let i = start; i < end; i++) {
    const piece = pieces[i]!;
    push(piece, isWord(i) && matchesTerm(terms, piece.normalize('NFC').toLowerCase()));
  }
  if (end < pieces.length) push('…', false);
  return parts;
}
