// The address bar as app state: the current location, navigate() with the History API, and a
// Link that navigates without reloading (and still opens in a new tab with a modifier key).
import type { ComponentChildren, TargetedMouseEvent } from 'preact';
import { useReadable } from '../hooks/useReadable.js';
import { Observable } from '../state/observable.js';

export interface Location {
  path: string;
  query: URLSearchParams;
}

/**
 * The path the app's pages live under: '' for the app, '/widget' for the chat widget's page, so
 * the pages it shares with the app (`/chat/:id`) keep their paths and links inside it.
 */
let base = '';

const read = (): Location => {
  const path = window.location.pathname;
  const inside = base && (path === base || path.startsWith(`${base}/`));
  return {
    path: inside ? path.slice(base.length) || '/' : path,
    query: new URLSearchParams(window.location.search),
  };
};

const location = new Observable<Location>(read());
window.addEventListener('popstate', () => location.set(read()));

/** Serves the pages under `prefix` (the widget page's '/widget'); called before rendering. */
export function setRouterBase(prefix: string): void {
  base = prefix;
  location.set(read());
}

/** The address of a page path, under the router's base. */
export const hrefOf = (to: string): string => (to.startsWith('/') ? base + to : to);

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const target = hrefOf(to);
  if (target === window.location.pathname + window.location.search) return;
  if (options.replace) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  location.set(read());
}

export const useLocation = (): Location => useReadable(location);

interface LinkProps {
  href: string;
  children: ComponentChildren;
  class?: string;
  title?: string;
  'aria-current'?: 'page' | undefined;
  onClick?: (event: TargetedMouseEvent<HTMLAnchorElement>) => void;
}

export function Link({ href, onClick, ...rest }: LinkProps) {
  return (
    <a
      href={hrefOf(href)}
      onClick={(event) => {
        onClick?.(event);
        const plain =
          event.button === 0 &&
          !event.metaKey &&
          !event.ctrlKey &&
          !event.shiftKey &&
          !event.altKey;
        if (!plain || event.defaultPrevented) return;
        event.preventDefault();
        navigate(href);
      }}
      {...rest}
    />
  );
}
