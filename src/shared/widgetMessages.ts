// The messages between the widget loader on the host page (widget.js) and the widget page in
// its iframe (docs/widget.md): each side posts only to the other's origin and reads only what
// comes from the other's window and origin. Every message carries `switchboard: 1`.

/** The marker and version of the messages, so other scripts' messages are ignored. */
export const WIDGET_MESSAGE_VERSION = 1;

/** From the loader to the widget page. */
export type WidgetCommand =
  | { switchboard: 1; type: 'open' }
  | { switchboard: 1; type: 'close' }
  /** A token signed by the host (docs/widget.md, Identity): the visitor becomes that customer. */
  | { switchboard: 1; type: 'identify'; token: string }
  /** The host's user id and its HMAC (or, unsigned, without): docs/widget.md, Identity. */
  | { switchboard: 1; type: 'identify'; identity: HostIdentity }
  /** What the visitor is known as: a name and an address to be reached at. */
  | { switchboard: 1; type: 'setAttributes'; attributes: VisitorAttributes };

export interface HostIdentity {
  userId: string;
  hmac?: string;
  name?: string;
  email?: string;
}

export interface VisitorAttributes {
  name?: string;
  email?: string | null;
}

/** From the widget page to the loader (and so to the host page's `message` listeners). */
export type WidgetEvent =
  /** The page is listening: commands sent before it were queued by the loader. */
  | { switchboard: 1; type: 'ready' }
  /** The visitor pressed the widget's own close button. */
  | { switchboard: 1; type: 'close' }
  /**
   * Whether the visitor has a chat waiting or active: the loader keeps that flag (only) in the
   * host's sessionStorage and makes the widget, hidden, on the host's next pages, so `unread`
   * and `message` keep coming across navigation.
   */
  | { switchboard: 1; type: 'chat'; ongoing: boolean }
  /** Messages from the desk the visitor has not seen (the widget was closed when they came). */
  | { switchboard: 1; type: 'unread'; count: number }
  /** A message from the desk arrived (never an agent-only note: customers never receive them). */
  | { switchboard: 1; type: 'message'; sessionId: string; from: string; text: string }
  /** `identify` or `setAttributes` failed; `code` is the API's error code. */
  | { switchboard: 1; type: 'error'; command: string; code: string; message: string };

export function isWidgetMessage(data: unknown): data is { switchboard: 1; type: string } {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { switchboard?: unknown }).switchboard === WIDGET_MESSAGE_VERSION &&
    typeof (data as { type?: unknown }).type === 'string'
  );
}

/**
 * What the loader does once a page of the host has loaded, from the tab's two flags: reopen the
 * chat left open, make the widget hidden for a chat going on (so its badge and events work), or
 * nothing but the launcher for a visitor who never started a chat (or whose chat ended).
 */
export function widgetResumption(wasOpen: boolean, chatOngoing: boolean): 'open' | 'hidden' | null {
  if (wasOpen) return 'open';
  return chatOngoing ? 'hidden' : null;
}
