// The rules a session's tags follow (the same as the API's TagsBody), checked before saving so
// the agent hears about a bad tag at once.
import { LIMITS } from '../../shared/vocabulary.js';

const TAG_PATTERN = /^[\p{L}\p{N} _.-]+$/u;

/** Why `tag` cannot be added to `tags`, or null when it can (an empty tag is simply ignored). */
export function tagProblem(tag: string, tags: readonly string[]): string | null {
  if (!tag) return null;
  if (tag.length > LIMITS.tag) return `Tags are at most ${LIMITS.tag} characters.`;
  if (!TAG_PATTERN.test(tag)) return 'Use letters, digits, spaces and _ . - only.';
  if (tags.includes(tag)) return 'That tag is already there.';
  if (tags.length >= LIMITS.tagsPerSession) {
    return `A chat has at most ${LIMITS.tagsPerSession} tags.`;
  }
  return null;
}
