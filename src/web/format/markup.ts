// Light Markdown for chat messages: from the plain text the API keeps to a tree of typed nodes
// (paragraphs with line breaks, bullet and numbered lists, fenced code blocks; bold, italic,
// inline code and links inside them). `components/chat/MessageText.tsx` renders the tree as
// elements, never as HTML. Links are found by linkifyjs and kept only for http(s) and mailto.
// Every step is one pass over the text (no backtracking regex), so a message of any length
// parses in linear time.
import { find } from 'linkifyjs';

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'break' }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; text: string };

export type Block =
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { kind: 'codeBlock'; text: string };

/** Parses a whole message into blocks. */
export function parseMessage(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length > 0) {
      blocks.push({ kind: 'paragraph', children: parseInline(paragraph.join('\n')) });
    }
    paragraph = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isFence(line)) {
      endParagraph();
      const code: string[] = [];
      // An unclosed fence runs to the end of the message, as it does while it is being typed.
      while (++i < lines.length && !isClosingFence(lines[i]!)) code.push(lines[i]!);
      blocks.push({ kind: 'codeBlock', text: code.join('\n') });
      continue;
    }
    const item = listItem(line);
    if (item) {
      endParagraph();
      const last = blocks.at(-1);
      const content = parseInline(item.content);
      if (last?.kind === 'list' && last.ordered === item.ordered) last.items.push(content);
      else
        blocks.push({ kind: 'list', ordered: item.ordered, start: item.start, items: [content] });
      continue;
    }
    if (line.trim() === '') endParagraph();
    else paragraph.push(line);
  }
  endParagraph();
  return blocks;
}

/** An opening fence: three backticks at the start of a line, then an optional language name. */
function isFence(line: string): boolean {
  const rest = line.trimStart();
  return line.length - rest.length <= 3 && rest.startsWith('```') && !rest.slice(3).includes('`');
}

function isClosingFence(line: string): boolean {
  return isFence(line) && line.trim() === '```';
}

const BULLET = /^ {0,3}[-*+][ \t]+(.*)$/;
const NUMBERED = /^ {0,3}(\d{1,9})[.)][ \t]+(.*)$/;

function listItem(line: string): { ordered: boolean; start: number; content: string } | null {
  const bullet = BULLET.exec(line);
  if (bullet) return { ordered: false, start: 1, content: bullet[1]! };
  const numbered = NUMBERED.exec(line);
  if (numbered) return { ordered: true, start: Number(numbered[1]), content: numbered[2]! };
  return null;
}

/** Parses the inside of a paragraph or list item: code spans, then links, then emphasis. */
export function parseInline(source: string): Inline[] {
  const emphasis = new EmphasisBuilder(source);
  const pieces = codeSpans(source);
  // One search for the whole text (linkify's cost is mostly per call); a piece that a link
  // found there crosses into a code span is searched again on its own.
  const everywhere = findLinks(source, 0, source.length);
  let next = 0;
  for (const piece of pieces) {
    if (piece.code !== null) {
      emphasis.atom({ kind: 'code', text: piece.code });
      continue;
    }
    // Both lists are in text order, so one cursor walks the links once in all.
    while (next < everywhere.length && everywhere[next]!.end <= piece.start) next++;
    const inside: typeof everywhere = [];
    for (let i = next; i < everywhere.length && everywhere[i]!.start < piece.end; i++) {
      inside.push(everywhere[i]!);
    }
    const crossing = inside.some((link) => link.start < piece.start || link.end > piece.end);
    let at = piece.start;
    for (const link of crossing ? findLinks(source, piece.start, piece.end) : inside) {
      emphasis.text(at, link.start);
      emphasis.atom({ kind: 'link', href: link.href, text: link.text });
      at = link.end;
    }
    emphasis.text(at, piece.end);
  }
  return emphasis.finish();
}

type Piece = { start: number; end: number; code: string | null };

/**
 * Splits the text into code spans (a run of n backticks up to the next run of exactly n) and
 * the rest. Each run length keeps a cursor into its list of runs, so finding the closer never
 * rescans: linear however many unmatched backticks there are.
 */
function codeSpans(source: string): Piece[] {
  const runs: Array<{ start: number; length: number }> = [];
  for (let i = 0; i < source.length;) {
    if (source[i] !== '`') {
      i++;
      continue;
    }
    const start = i;
    while (source[i] === '`') i++;
    runs.push({ start, length: i - start });
  }
  const byLength = new Map<number, number[]>();
  runs.forEach((run, index) => {
    const list = byLength.get(run.length) ?? [];
    list.push(index);
    byLength.set(run.length, list);
  });
  const cursors = new Map<number, number>();

  const pieces: Piece[] = [];
  let textFrom = 0;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    const list = byLength.get(run.length)!;
    let cursor = cursors.get(run.length) ?? 0;
    while (cursor < list.length && list[cursor]! <= r) cursor++;
    cursors.set(run.length, cursor);
    const closer = cursor < list.length ? list[cursor]! : null;
    if (closer === null) continue;
    const close = runs[closer]!;
    if (run.start > textFrom) pieces.push({ start: textFrom, end: run.start, code: null });
    const content = source.slice(run.start + run.length, close.start);
    pieces.push({ start: run.start, end: close.start + close.length, code: trimCode(content) });
    textFrom = close.start + close.length;
    r = closer;
  }
  if (textFrom < source.length) pieces.push({ start: textFrom, end: source.length, code: null });
  return pieces;
}

/** One space on each side lets a code span start or end with a backtick (as in CommonMark). */
function trimCode(content: string): string {
  if (content.length > 2 && content.startsWith(' ') && content.endsWith(' ')) {
    return content.slice(1, -1);
  }
  return content;
}

const SAFE_HREF = /^(?:https?:\/\/|mailto:)/i;
/** Emphasis markers right after a link close the emphasis around it; they are not its end. */
const TRAILING_MARKERS = /[*_]+$/;

function findLinks(source: string, start: number, end: number) {
  const links: Array<{ start: number; end: number; href: string; text: string }> = [];
  for (const match of find(source.slice(start, end))) {
    const trimmed = match.value.replace(TRAILING_MARKERS, '');
    const cut = match.value.length - trimmed.length;
    const href = cut > 0 ? match.href.slice(0, match.href.length - cut) : match.href;
    if (!trimmed || !SAFE_HREF.test(href)) continue;
    links.push({ start: start + match.start, end: start + match.end - cut, href, text: trimmed });
  }
  return links;
}

type Marker = '*' | '_';

interface Frame {
  /** null for the root. */
  kind: 'strong' | 'em' | null;
  marker: Marker | null;
  children: Inline[];
}

const SIZE = { strong: 2, em: 1 } as const;

/**
 * Builds the inline tree from text ranges and atoms (code, links), matching `*` and `_` runs as
 * bold (two) and italic (one). A marker opens only before a non-space that is not inside a word
 * and closes only after a non-space that is not inside a word, so snake_case, 2*3*4 and a lone
 * `*` stay as typed. Each kind of emphasis is open at most once, so the stack is at most five
 * deep and a marker that never closes falls back to text at no more than that cost.
 */
class EmphasisBuilder {
  private readonly stack: Frame[] = [{ kind: null, marker: null, children: [] }];

  constructor(private readonly source: string) {}

  atom(node: Inline): void {
    this.top().children.push(node);
  }

  text(start: number, end: number): void {
    let plainFrom = start;
    for (let i = start; i < end;) {
      const char = this.source[i];
      if (char !== '*' && char !== '_') {
        i++;
        continue;
      }
      const runStart = i;
      while (i < end && this.source[i] === char) i++;
      appendText(this.top().children, this.source.slice(plainFrom, runStart));
      this.markers(char, runStart, i);
      plainFrom = i;
    }
    appendText(this.top().children, this.source.slice(plainFrom, end));
  }

  finish(): Inline[] {
    while (this.stack.length > 1) this.unwrapTop();
    return this.stack[0]!.children;
  }

  private markers(marker: Marker, start: number, end: number): void {
    let remaining = end - start;
    if (remaining > 3) return appendText(this.top().children, marker.repeat(remaining));
    const before = this.source[start - 1];
    const after = this.source[end];
    const canOpen = !isSpace(after) && !isWordChar(before);
    const canClose = !isSpace(before) && !isWordChar(after);

    if (canClose) {
      for (let frame = this.innermost(marker, remaining); frame;) {
        remaining -= SIZE[frame.kind!];
        this.close(frame);
        frame = remaining > 0 ? this.innermost(marker, remaining) : null;
      }
    }
    const opening: Array<'strong' | 'em'> = [];
    if (canOpen) {
      if (remaining >= 2 && !this.isOpen(marker, 'strong')) {
        opening.push('strong');
        remaining -= 2;
      }
      if (remaining >= 1 && !this.isOpen(marker, 'em')) {
        opening.push('em');
        remaining -= 1;
      }
    }
    appendText(this.top().children, marker.repeat(remaining));
    for (const kind of opening) this.stack.push({ kind, marker, children: [] });
  }

  private innermost(marker: Marker, room: number): Frame | null {
    for (let i = this.stack.length - 1; i > 0; i--) {
      const frame = this.stack[i]!;
      if (frame.marker === marker && SIZE[frame.kind!] <= room) return frame;
    }
    return null;
  }

  private isOpen(marker: Marker, kind: 'strong' | 'em'): boolean {
    return this.stack.some((frame) => frame.marker === marker && frame.kind === kind);
  }

  /** Closes `frame`; anything opened inside it and still open was not emphasis after all. */
  private close(frame: Frame): void {
    while (this.top() !== frame) this.unwrapTop();
    this.stack.pop();
    if (frame.children.length === 0) {
      const marks = frame.marker!.repeat(SIZE[frame.kind!] * 2);
      return appendText(this.top().children, marks);
    }
    this.top().children.push({ kind: frame.kind!, children: frame.children });
  }

  /** An opener that never closed: its marker and what followed it go back as they were. */
  private unwrapTop(): void {
    const frame = this.stack.pop()!;
    const parent = this.top().children;
    appendText(parent, frame.marker!.repeat(SIZE[frame.kind!]));
    for (const child of frame.children) {
      if (child.kind === 'text') appendText(parent, child.text);
      else parent.push(child);
    }
  }

  private top(): Frame {
    return this.stack.at(-1)!;
  }
}

/** Appends text, joining it to a text node just before it, with each newline as a break. */
function appendText(children: Inline[], text: string): void {
  if (!text) return;
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (index > 0) children.push({ kind: 'break' });
    if (!line) return;
    const last = children.at(-1);
    if (last?.kind === 'text') last.text += line;
    else children.push({ kind: 'text', text: line });
  });
}

function isSpace(char: string | undefined): boolean {
  return char === undefined || /\s/.test(char);
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}
