// The widget page's side of the loader's messages (shared/widgetMessages.ts): it posts only to the
// host origin the loader named in the iframe's address, and reads only messages from its parent
// window with that origin. The host origin is the page that embeds us (frame-ancestors lets only
// the widget settings' sites do so); a page lying about it only stops its own messages.
import {
  isWidgetMessage,
  type WidgetCommand,
  type WidgetEvent,
} from '../../shared/widgetMessages.js';

type Outgoing = WidgetEvent extends infer E
  ? E extends unknown
    ? Omit<E, 'switchboard'>
    : never
  : never;

/** The host origin from `?host=`, when it is an origin (scheme, host, port and nothing else). */
export function hostOriginOf(search: string): string | null {
  const host = new URLSearchParams(search).get('host');
  if (!host) return null;
  try {
    return new URL(host).origin === host ? host : null;
  } catch {
    return null;
  }
}

export interface HostBridge {
  post(event: Outgoing): void;
  /** Listens to the loader's commands; returns the way to stop. */
  listen(onCommand: (command: WidgetCommand) => void): () => void;
}

export function connectHost(hostOrigin: string | null): HostBridge {
  const framed = window.parent !== window;
  return {
    post(event) {
      if (!framed || !hostOrigin) return;
      window.parent.postMessage({ switchboard: 1, ...event }, hostOrigin);
    },
    listen(onCommand) {
      const receive = (message: MessageEvent) => {
        if (!hostOrigin || message.origin !== hostOrigin || message.source !== window.parent)
          return;
        if (isWidgetMessage(message.data)) onCommand(message.data as WidgetCommand);
      };
      window.addEventListener('message', receive);
      return () => window.removeEventListener('message', receive);
    },
  };
}
