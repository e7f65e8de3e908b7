// The chat widget's loader, widget.js, for any site's page (docs/widget.md): reads its options
// from its script tag's `data-switchboard` (JSON: color, position), adds a launcher bubble with an
// unread badge inside a shadow root (the host page's CSS cannot reach it), and makes the iframe of
// the widget page (/widget on Switchboard's origin; full screen under 600 px wide) only on the
// first open, or hidden for a chat going on. Open or closed is remembered for the tab, and so is whether the visitor has a chat
// going on (the host's sessionStorage holds those two flags only; the visitor's token stays in
// the iframe's storage, out of this page's reach): with one, the next pages make the iframe
// hidden after their load event, so the badge and events carry on across navigation.
// `window.Switchboard` is the host page's API; the iframe is spoken to by postMessage with the
// origins checked both ways (shared/widgetMessages.ts). Kept small: no imports but that module.
import {
  isWidgetMessage,
  widgetResumption,
  type HostIdentity,
  type VisitorAttributes,
  type WidgetCommand,
  type WidgetEvent,
} from '../../shared/widgetMessages.js';

type EventName = 'unread' | 'message' | 'open' | 'close' | 'error';
type Listener = (detail: unknown) => void;
type Command = WidgetCommand extends infer C
  ? C extends unknown
    ? Omit<C, 'switchboard'>
    : never
  : never;

interface Options {
  color: string;
  position: 'bottom-right' | 'bottom-left';
}

const OPEN_KEY = 'switchboard.widget.open';
const CHAT_KEY = 'switchboard.widget.chat';
const CHAT_ICON =
  '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/></svg>';

function readOptions(script: HTMLScriptElement | null): Options {
  const options: Options = { color: '#1a56db', position: 'bottom-right' };
  try {
    const given = JSON.parse(script?.dataset.switchboard || '{}') as Partial<Options>;
    if (typeof given.color === 'string' && /^#[0-9a-f]{6}$/i.test(given.color))
      options.color = given.color;
    if (given.position === 'bottom-left') options.position = 'bottom-left';
  } catch {
    // Not JSON: the defaults.
  }
  return options;
}

function remembered(key: string): boolean {
  try {
    return sessionStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}

function remember(key: string, on: boolean): void {
  try {
    sessionStorage.setItem(key, on ? '1' : '0');
  } catch {
    // Forgotten at the next page: harmless.
  }
}

function styles({ color, position }: Options): string {
  const side = position === 'bottom-left' ? 'left' : 'right';
  return `
:host{all:initial}
.launcher{position:fixed;bottom:20px;${side}:20px;z-index:2147483646;width:56px;height:56px;border:0;border-radius:50%;background:${color};color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);display:flex;align-items:center;justify-content:center}
.launcher:focus-visible{outline:3px solid ${color};outline-offset:3px}
.badge{position:absolute;top:-4px;${side === 'left' ? 'right' : 'left'}:-4px;min-width:20px;height:20px;padding:0 5px;box-sizing:border-box;border-radius:10px;background:#d92d20;color:#fff;font:600 12px/20px system-ui,sans-serif;text-align:center}
.badge[hidden],.panel[hidden]{display:none}
.panel{position:fixed;bottom:88px;${side}:20px;z-index:2147483647;width:380px;height:min(620px,calc(100vh - 108px));border-radius:12px;overflow:hidden;box-shadow:0 8px 30px rgba(0,0,0,.3);background:#fff}
.panel iframe{width:100%;height:100%;border:0;display:block}
@media (max-width:600px){.panel{inset:0;width:100%;height:100%;border-radius:0}}`;
}

function start(script: HTMLScriptElement | null): void {
  if (!script?.src) return;
  const origin = new URL(script.src).origin;
  const options = readOptions(script);
  const listeners = new Map<EventName, Set<Listener>>();
  const pending: Command[] = [];
  let frame: HTMLIFrameElement | null = null;
  let ready = false;
  let isOpen = false;

  const holder = document.createElement('div');
  holder.setAttribute('data-switchboard-widget', '');
  const root = holder.attachShadow({ mode: 'open' });
  root.innerHTML = `<style>${styles(options)}</style><div class="panel" hidden></div><button class="launcher" type="button" aria-label="Open the chat" aria-expanded="false">${CHAT_ICON}<span class="badge" hidden></span></button>`;
  document.body.appendChild(holder);
  const panel = root.querySelector<HTMLDivElement>('.panel')!;
  const launcher = root.querySelector<HTMLButtonElement>('.launcher')!;
  const badge = root.querySelector<HTMLSpanElement>('.badge')!;

  const emit = (name: EventName, detail?: unknown) => {
    for (const listener of listeners.get(name) ?? []) {
      try {
        listener(detail);
      } catch (error) {
        console.error(error);
      }
    }
  };
  const send = (command: Command) => {
    if (frame?.contentWindow && ready)
      frame.contentWindow.postMessage({ switchboard: 1, ...command }, origin);
    else pending.push(command);
  };
  const showUnread = (count: number) => {
    badge.hidden = count <= 0;
    badge.textContent = count > 99 ? '99+' : String(count);
  };

  function makeFrame(): void {
    if (frame) return;
    frame = document.createElement('iframe');
    frame.title = 'Chat';
    frame.allow = 'clipboard-write';
    frame.src = `${origin}/widget?host=${encodeURIComponent(location.origin)}`;
    panel.appendChild(frame);
  }

  function setOpen(open: boolean): void {
    if (open === isOpen) return;
    isOpen = open;
    remember(OPEN_KEY, open);
    if (open) makeFrame();
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    launcher.setAttribute('aria-label', open ? 'Close the chat' : 'Open the chat');
    if (open) showUnread(0);
    send({ type: open ? 'open' : 'close' });
    emit(open ? 'open' : 'close');
  }

  window.addEventListener('message', (event) => {
    if (!frame || event.source !== frame.contentWindow || event.origin !== origin) return;
    if (!isWidgetMessage(event.data)) return;
    const message = event.data as WidgetEvent;
    if (message.type === 'ready') {
      ready = true;
      send({ type: isOpen ? 'open' : 'close' });
      for (const command of pending.splice(0)) send(command);
    } else if (message.type === 'close') setOpen(false);
    else if (message.type === 'chat') remember(CHAT_KEY, message.ongoing);
    else if (message.type === 'unread') {
      showUnread(isOpen ? 0 : message.count);
      emit('unread', message.count);
    } else if (message.type === 'message') emit('message', message);
    else if (message.type === 'error') emit('error', message);
  });
  launcher.addEventListener('click', () => setOpen(!isOpen));

  /** Only the fields the API takes, as strings: nothing else of the host's object is posted. */
  const hostIdentity = (given: HostIdentity): HostIdentity => {
    const picked: HostIdentity = { userId: String(given.userId) };
    for (const key of ['hmac', 'name', 'email'] as const)
      if (given[key] !== undefined && given[key] !== null) picked[key] = String(given[key]);
    return picked;
  };

  const api = {
    open: () => setOpen(true),
    close: () => setOpen(false),
    /** Applied once the widget has opened (it then holds the token, not this page). */
    identify: (identity: string | HostIdentity) =>
      send(
        typeof identity === 'string'
          ? { type: 'identify', token: identity }
          : { type: 'identify', identity: hostIdentity(identity) },
      ),
    setAttributes: (attributes: VisitorAttributes) => send({ type: 'setAttributes', attributes }),
    on(name: EventName, listener: Listener): () => void {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name)!.add(listener);
      return () => listeners.get(name)?.delete(listener);
    },
  };
  (window as unknown as { Switchboard: typeof api }).Switchboard = api;
  // Reopened, or made hidden for a chat going on, only once the page has loaded: it never
  // competes with the page. A visitor who never started a chat gets the launcher alone.
  const resumption = widgetResumption(remembered(OPEN_KEY), remembered(CHAT_KEY));
  const resume = resumption === 'open' ? () => setOpen(true) : resumption && makeFrame;
  if (resume) {
    if (document.readyState === 'complete') resume();
    else window.addEventListener('load', resume, { once: true });
  }
}

const current = document.currentScript as HTMLScriptElement | null;
if (!(window as unknown as { Switchboard?: unknown }).Switchboard) {
  if (document.body) start(current);
  else document.addEventListener('DOMContentLoaded', () => start(current), { once: true });
}
