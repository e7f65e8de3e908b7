// Who an internal note names with `@`. A mention is `@` at the start of the text or after a space
// or opening punctuation, then letters, digits and . _ + - (a trailing . or - ends the sentence,
// not the name). It names, ignoring case, every active agent whose email's part before the @ is
// that word, whose first name is that word, or whose whole name is that word without its spaces:
// `@ama`, `@ama.mensah` and `@AmaMensah` all reach Ama Mensah <ama.mensah@example.edu>.
// A word several agents share (two Amas) reaches each of them.

export interface MentionCandidate {
  id: string;
  name: string;
  email: string | null;
}

const MENTION = /(?:^|[\s([{"'])@([\p{L}\p{N}._+-]+)/gu;

/** The words mentioned in `text`, lower-cased, each once, in order. */
export function mentionedWords(text: string): string[] {
  const words = new Set<string>();
  for (const match of text.matchAll(MENTION)) {
    const word = match[1]!.replace(/[.\-_]+$/u, '').toLowerCase();
    if (word) words.add(word);
  }
  return [...words];
}

/** The words that name `agent`. */
function namesOf(agent: MentionCandidate): string[] {
  const name = agent.name.trim().toLowerCase();
  const words = [name.replace(/\s+/gu, ''), name.split(/\s+/u)[0] ?? ''];
  const local = agent.email?.split('@')[0]?.toLowerCase();
  if (local) words.push(local);
  return words.filter(Boolean);
}

/** The candidates `text` mentions, in the candidates' order. */
export function mentionedAgents<A extends MentionCandidate>(
  text: string,
  candidates: readonly A[],
): A[] {
  const words = new Set(mentionedWords(text));
  if (words.size === 0) return [];
  return candidates.filter((agent) => namesOf(agent).some((word) => words.has(word)));
}
