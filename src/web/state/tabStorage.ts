// The tab's sessionStorage, or null where the browser blocks it (some privacy modes throw on
// mere access): whatever is kept there then lasts for the page only.
export function tabStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
