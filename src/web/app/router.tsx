// The address bar as app state: the current location, navigate() with the History API, and a
// Link that navigates without reloading (and still opens in a new tab with a modifier key).
import type { ComponentChildren, TargetedMouseEvent } from 'preact';
import { useReadable } from '../hooks/useReadable.js';
import { Observable } from '../state/observable.js';

export interface Location {
  path: string;
  query: URLSearchParams;
}

const read = (): Location => ({
  path: window.location.pathname,
  query: new URLSearchParams(window.location.search),
});

const location = new Observable<Location>(read());
window.addEventListener('popstate', () => location.set(read()));

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  location.set(read());
}

export const useLocation = (): Location => useReadable(location);

interface LinkProps {
  href: string;
  children: ComponentChildren;
  class?: string;
  'aria-current'?: 'page' | undefined;
  onClick?: (event: TargetedMouseEvent<HTMLAnchorElement>) => void;
}

export function Link({ href, onClick, ...rest }: LinkProps) {
  return (
    <a
      href={href}
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
