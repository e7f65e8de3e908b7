// Sizes as people read them, the same in the server's messages and the browser's file cards.

export const MIB = 1024 * 1024;

/** `10 MiB`, `1.5 KiB`, `300 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= MIB) return `${+(bytes / MIB).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
