// A person's initials in a circle, coloured by their id so the same person always looks the same.
import { cx } from './classNames.js';

const PALETTE_SIZE = 8;

function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    words.length > 1 ? [words[0]![0], words.at(-1)![0]] : [...(words[0] ?? '?')].slice(0, 2);
  return letters.join('').toUpperCase();
}

function paletteIndex(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % PALETTE_SIZE;
}

export function Avatar({
  id,
  name,
  size = 'md',
}: {
  id: string;
  name: string;
  size?: 'sm' | 'md' | 'lg';
}) {
  return (
    <span
      class={cx('avatar', `avatar--${size}`, `avatar--c${paletteIndex(id)}`)}
      aria-hidden="true"
    >
      {initialsOf(name)}
    </span>
  );
}
